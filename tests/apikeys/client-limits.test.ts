import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { rawRequest } from '../helpers/http.js';

let t: TestApp;
afterEach(async () => t?.stop());

const limits = { perMinute: 100, perDay: 1000, perClient: { perMinute: 8, perDay: 1000 } };

/**
 * The first answer, not counted on: the suite's contract check fetches the app's OpenAPI document (a public
 * request, counted per client too) the first time it sees an app.
 */
async function warmUp(t: TestApp): Promise<number> {
  await t.call('GET', '/api/v1/health', undefined, { key: null });
  const r = await t.call('GET', '/api/v1/health', undefined, { key: null });
  return Number(r.headers.get('x-ratelimit-remaining'));
}

/** Spends what is left of the client's minute. */
async function spend(t: TestApp, left: number): Promise<void> {
  for (let i = 0; i < left; i++) expect((await t.call('GET', '/api/v1/health', undefined, { key: null })).status).toBe(200);
}

describe('requests without a usable key are limited per client', () => {
  it('counts public answers (health, OpenAPI, docs) per client and sends the headers on each', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 10));
    t = await startTestApp({ clock, rateLimits: limits });
    const before = await warmUp(t);
    const seen: number[] = [];
    for (const p of ['/api/v1/health', '/api/v1/openapi.json', '/api/v1/docs', '/v1/health']) {
      const r = await t.call('GET', p, undefined, { key: null });
      expect(r.status, p).toBe(200);
      expect(r.headers.get('x-ratelimit-limit'), p).toBe('8');
      expect(r.headers.get('x-ratelimit-reset'), p).toBe(String(Date.UTC(2025, 0, 24, 10, 1, 0) / 1000));
      seen.push(Number(r.headers.get('x-ratelimit-remaining')));
    }
    expect(seen).toEqual([before - 1, before - 2, before - 3, before - 4]);
    await spend(t, before - 4);
    const refused = await t.call('GET', '/api/v1/health', undefined, { key: null });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refused.headers.get('retry-after')).toBe('50');
    // A key has its own allowance: the client's spent one does not touch it.
    const keyed = await t.call('GET', '/api/v1/settings');
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('x-ratelimit-limit')).toBe('100');
    clock.advance(50_000);
    expect((await t.call('GET', '/api/v1/health', undefined, { key: null })).status).toBe(200);
  });

  it('counts missing, invalid and malformed keys per client, and answers 429 before 401 once spent (slows guessing)', async () => {
    t = await startTestApp({ clock: new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 0)), rateLimits: limits });
    const before = await warmUp(t);
    const none = await t.call('GET', '/api/v1/settings', undefined, { key: null });
    const wrong = await t.call('GET', '/api/v1/settings', undefined, { key: 'bz_live_guess1' });
    const session = await t.call('GET', '/api/v1/settings', undefined, { key: 'bz_session_guess' });
    const malformed = await t.call('GET', '/api/v1/settings', undefined, { key: null, headers: { authorization: 'Basic abc' } });
    for (const [r, spent] of [
      [none, 1],
      [wrong, 2],
      [session, 3],
      [malformed, 4],
    ] as const) {
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('INVALID_API_KEY');
      expect(r.headers.get('x-ratelimit-limit')).toBe('8');
      expect(r.headers.get('x-ratelimit-remaining')).toBe(String(before - spent));
    }
    await spend(t, before - 4);
    const guess = await t.call('GET', '/api/v1/settings', undefined, { key: 'bz_live_guess2' });
    expect(guess.status).toBe(429);
    expect(guess.json.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(guess.headers.get('retry-after')).toBe('60');
    // The real key still works: guessing from this address does not lock the owner out.
    expect((await t.call('GET', '/api/v1/settings')).status).toBe(200);
    // The dashboard session is not limited and gets no headers.
    const dash = await t.call('GET', '/api/v1/settings', undefined, { key: t.app.sessionToken });
    expect(dash.status).toBe(200);
    expect(dash.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('counts an insufficient scope against the key and a wrong method against the caller', async () => {
    t = await startTestApp({ rateLimits: limits });
    const { key: reader } = t.app.services.keys.create('reader', ['analytics:read']);
    const denied = await t.call('GET', '/api/v1/settings', undefined, { key: reader });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-ratelimit-limit')).toBe('100');
    expect(denied.headers.get('x-ratelimit-remaining')).toBe('99');
    const wrongMethod = await rawRequest(t.app.port, { method: 'TRACE', path: '/api/v1/health' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers['x-ratelimit-limit']).toBe('8');
  });

  it('has a default client allowance large enough for normal use (600 a minute)', async () => {
    t = await startTestApp();
    const before = await warmUp(t);
    expect(before).toBeGreaterThan(590);
    const r = await t.call('GET', '/api/v1/health', undefined, { key: null });
    expect(r.headers.get('x-ratelimit-limit')).toBe('600');
    expect(r.headers.get('x-ratelimit-remaining')).toBe(String(before - 1));
  });
});
