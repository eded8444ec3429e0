import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { rawRequest } from '../helpers/http.js';

let t: TestApp;
afterEach(async () => t?.stop());

const rateHeaders = (h: Headers) => ({
  limit: h.get('x-ratelimit-limit'),
  remaining: h.get('x-ratelimit-remaining'),
  reset: h.get('x-ratelimit-reset'),
});

describe('authentication comes before the body; every keyed answer carries rate-limit headers', () => {
  it('answers a malformed or oversize body from a caller without a valid key with 401', async () => {
    t = await startTestApp();
    const malformed = await t.call('POST', '/api/v1/messages/send', undefined, { key: null, raw: '{bad' });
    expect(malformed.status).toBe(401);
    expect(malformed.json.error.code).toBe('INVALID_API_KEY');
    const big = JSON.stringify({ message: 'x'.repeat(400_000) });
    const oversize = await t.call('POST', '/v1/messages/send', undefined, { key: 'bz_live_wrong', raw: big });
    expect(oversize.status).toBe(401);
    expect(oversize.json.error.code).toBe('INVALID_API_KEY');
  });

  it('counts malformed and oversize bodies from a known key and sends the headers with the error', async () => {
    t = await startTestApp();
    const malformed = await t.call('PATCH', '/api/v1/settings', undefined, { raw: '{"botActive": tru' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('VALIDATION_ERROR');
    expect(rateHeaders(malformed.headers)).toMatchObject({ limit: '60', remaining: '59' });
    expect(Number(malformed.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const oversize = await t.call('POST', '/api/v1/messages/send', undefined, { raw: JSON.stringify({ message: 'x'.repeat(400_000) }) });
    expect(oversize.status).toBe(413);
    expect(oversize.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(rateHeaders(oversize.headers)).toMatchObject({ limit: '60', remaining: '58' });
  });

  it('answers a mistyped path with 404 and the rate-limit headers, and a bad key there with 401', async () => {
    t = await startTestApp();
    const typo = await t.call('GET', '/v1/giveaway/entry');
    expect(typo.status).toBe(404);
    expect(typo.json.error.code).toBe('NOT_FOUND');
    expect(rateHeaders(typo.headers)).toMatchObject({ limit: '60', remaining: '59' });
    const badKey = await t.call('GET', '/api/v1/nope', undefined, { key: 'bz_live_wrong' });
    expect(badKey.status).toBe(401);
    const deprecated = await t.call('GET', `/api/v1/nope?api_key=${t.key}`, undefined, { key: null });
    expect(deprecated.status).toBe(404);
    expect(deprecated.headers.get('deprecation')).toBe('true');
    expect(deprecated.headers.get('x-ratelimit-remaining')).toBe('58');
    // Without a key the request is counted against the client's own, larger allowance.
    const anonymous = await t.call('GET', '/api/v1/nope', undefined, { key: null });
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get('x-ratelimit-limit')).toBe('600');
  });
});

describe('request bodies must be JSON', () => {
  it('refuses a form, multipart or text body that is not JSON with 415 and changes nothing', async () => {
    t = await startTestApp();
    const cases: [string, string][] = [
      ['application/x-www-form-urlencoded', 'welcomeEnabled=false'],
      ['text/plain;charset=UTF-8', 'welcomeEnabled: false'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="welcomeEnabled"\r\n\r\nfalse\r\n--x--'],
    ];
    for (const [type, raw] of cases) {
      const r = await t.call('PATCH', '/api/v1/settings', undefined, { raw, headers: { 'content-type': type } });
      expect(r.status, type).toBe(415);
      expect(r.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(r.json.error.message).toContain('application/json');
    }
    expect((await t.call('GET', '/api/v1/settings')).json.data.welcomeEnabled).toBe(true);
    const declaredJson = await t.call('PATCH', '/api/v1/settings', undefined, { raw: 'welcomeEnabled=false' });
    expect(declaredJson.status).toBe(400);
    expect(declaredJson.json.error.code).toBe('VALIDATION_ERROR');
  });

  it('still reads a JSON body sent as curl -d sends it (form-urlencoded)', async () => {
    t = await startTestApp();
    const r = await t.call('PATCH', '/api/v1/settings', undefined, {
      raw: '{"welcomeDelay": 1234}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(200);
    expect(r.json.data.welcomeDelay).toBe(1234);
  });

  it('accepts application/json with a charset and +json types', async () => {
    t = await startTestApp();
    const a = await t.call('PATCH', '/api/v1/settings', undefined, {
      raw: '{"welcomeDelay": 10}',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(a.status).toBe(200);
    const b = await t.call('PATCH', '/api/v1/settings', undefined, {
      raw: '{"welcomeDelay": 20}',
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(b.status).toBe(200);
    expect(b.json.data.welcomeDelay).toBe(20);
  });

  it('names what it expected when the JSON is valid but not an object', async () => {
    t = await startTestApp();
    for (const raw of ['null', '"hello"', '42']) {
      const r = await t.call('POST', '/api/v1/giveaway/pick-winner', undefined, { raw });
      expect(r.status, raw).toBe(400);
      expect(r.json.error.code).toBe('VALIDATION_ERROR');
      expect(r.json.error.message, raw).toMatch(/expected object/);
    }
  });
});

describe('client mistakes below the JSON layer are 400s, not 500s', () => {
  it('answers a broken percent-encoding in the path with VALIDATION_ERROR', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/messages/%E0%A4%A');
    expect(r.status).toBe(400);
    expect(r.json.error).toEqual({ code: 'VALIDATION_ERROR', message: expect.stringMatching(/percent-encoding/) });
  });

  it('answers a body that does not match its Content-Encoding with VALIDATION_ERROR', async () => {
    t = await startTestApp();
    const r = await rawRequest(t.app.port, {
      method: 'POST',
      path: '/api/v1/giveaway/pick-winner',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': '2' },
      body: '{}',
    });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe('VALIDATION_ERROR');
  });
});
