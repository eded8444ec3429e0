import { afterEach, describe, expect, it } from 'vitest';
import { route } from '../../src/main/http/route.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { rawRequest } from '../helpers/http.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('envelope, security headers and base paths', () => {
  it('serves /api/v1 and /v1 with the same handlers', async () => {
    t = await startTestApp();
    const a = await t.call('GET', '/api/v1/settings');
    const b = await t.call('GET', '/v1/settings');
    expect(a.json).toEqual(b.json);
    expect(a.json.success).toBe(true);
  });

  it('answers unknown routes with a 404 envelope', async () => {
    t = await startTestApp();
    for (const p of ['/api/v1/nope', '/v1/giveaway/nope', '/nothing-here']) {
      const r = await t.call('GET', p);
      expect(r.status).toBe(404);
      expect(r.json.success).toBe(false);
      expect(r.json.error.code).toBe('NOT_FOUND');
    }
  });

  it('answers malformed JSON with VALIDATION_ERROR and oversize bodies with 413', async () => {
    t = await startTestApp();
    const bad = await t.call('PATCH', '/api/v1/settings', undefined, { raw: '{"botActive": tru' });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toEqual({ code: 'VALIDATION_ERROR', message: 'Malformed JSON in request body' });
    const big = await t.call('POST', '/api/v1/messages/send', undefined, { raw: JSON.stringify({ message: 'x'.repeat(400_000) }) });
    expect(big.status).toBe(413);
    expect(big.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('hides the details of unexpected errors behind a generic 500', async () => {
    const logged: unknown[] = [];
    t = await startTestApp({
      logger: { info() {}, warn() {}, error: (...a: unknown[]) => logged.push(a) },
      modules: () => [
        {
          name: 'boom',
          routes: [
            route({
              method: 'get',
              path: '/boom',
              tag: 'Test',
              summary: 'fails',
              scope: '',
              handler: () => {
                throw new Error('secret db path /x/y');
              },
            }),
          ],
        },
      ],
    });
    const r = await t.call('GET', '/api/v1/boom');
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ success: false, error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } });
    expect(logged.flat().map(String).join(' ')).toContain('secret db path');
  });

  it('refuses a non-loopback Host (DNS rebinding) and a foreign Origin', async () => {
    t = await startTestApp();
    const rebinding = await rawRequest(t.app.port, { path: '/api/v1/health', headers: { host: `evil.example:${t.app.port}` } });
    expect(rebinding.status).toBe(403);
    expect(JSON.parse(rebinding.body).error.code).toBe('FORBIDDEN_HOST');
    const wrongPort = await rawRequest(t.app.port, { path: '/api/v1/health', headers: { host: '127.0.0.1:1' } });
    expect(wrongPort.status).toBe(403);
    const ok = await rawRequest(t.app.port, { path: '/api/v1/health', headers: { host: `localhost:${t.app.port}` } });
    expect(ok.status).toBe(200);
    const cors = await t.call('GET', '/api/v1/settings', undefined, { headers: { origin: 'https://evil.example' } });
    expect(cors.status).toBe(403);
    expect(cors.json.error.code).toBe('FORBIDDEN_ORIGIN');
    expect(cors.headers.get('access-control-allow-origin')).toBeNull();
    const same = await t.call('GET', '/api/v1/settings', undefined, { headers: { origin: t.app.baseUrl } });
    expect(same.status).toBe(200);
  });

  it('listens on 127.0.0.1 only', async () => {
    t = await startTestApp();
    const addr = (t.app.server as unknown as { server: { address(): { address: string } } }).server.address();
    expect(addr.address).toBe('127.0.0.1');
  });

  it('reports health without authentication', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/health', undefined, { key: null });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ status: 'ok', schemaVersion: expect.any(Number) });
  });
});
