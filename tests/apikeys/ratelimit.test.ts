import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('rate limits', () => {
  it('sends X-RateLimit headers and refuses with 429 + Retry-After past the minute limit', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 10));
    t = await startTestApp({ clock, rateLimits: { perMinute: 3, perDay: 100 } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await t.call('GET', '/api/v1/settings');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-ratelimit-limit')).toBe('3');
      expect(r.headers.get('x-ratelimit-reset')).toBe(String(Date.UTC(2025, 0, 24, 10, 1, 0) / 1000));
      remaining.push(r.headers.get('x-ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await t.call('GET', '/api/v1/settings');
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(refused.headers.get('retry-after')).toBe('50');
    clock.advance(50_000);
    expect((await t.call('GET', '/api/v1/settings')).status).toBe(200);
  });

  it('counts each key separately and enforces the daily limit', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 23, 58, 0));
    t = await startTestApp({ clock, rateLimits: { perMinute: 100, perDay: 2 } });
    expect((await t.call('GET', '/api/v1/settings')).status).toBe(200);
    expect((await t.call('GET', '/api/v1/settings')).status).toBe(200);
    const refused = await t.call('GET', '/api/v1/settings');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-limit')).toBe('2');
    expect(Number(refused.headers.get('retry-after'))).toBe(120);
    const { key: other } = t.app.services.keys.create('other');
    expect((await t.call('GET', '/api/v1/settings', undefined, { key: other })).status).toBe(200);
    clock.advance(120_000);
    expect((await t.call('GET', '/api/v1/settings')).status).toBe(200);
  });

  it('keeps counters across a restart', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 0));
    t = await startTestApp({ dataDir, clock, rateLimits: { perMinute: 2, perDay: 100 } });
    const key = t.key;
    await t.call('GET', '/api/v1/settings');
    await t.call('GET', '/api/v1/settings');
    await t.stop();
    t = await startTestApp({ dataDir, clock, rateLimits: { perMinute: 2, perDay: 100 } });
    const r = await t.call('GET', '/api/v1/settings', undefined, { key });
    expect(r.status).toBe(429);
  });
});
