import { afterEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/main/domains/apikeys/ratelimit.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import type { Logger } from '../../src/main/kernel/logger.js';
import { startTestApp } from '../helpers/app.js';
import { smallDisk, unmountAll } from '../kernel/storage-fixtures.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  unmountAll();
});

function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (...a: unknown[]) => lines.push(a.map((x) => (x instanceof Error ? x.stack : String(x))).join(' '));
  return { lines, info: keep, warn: keep, error: keep };
}

describe('a full disk under the key bookkeeping', () => {
  it('keeps rate-limit counters pending when their write fails, logs once, and saves them once space is back', async () => {
    const disk = smallDisk();
    const logger = capturingLogger();
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 0));
    const t = await startTestApp({ dataDir: disk.dir, logger, clock, rateLimits: { perMinute: 50, perDay: 1000 } });
    cleanups.push(() => t.stop(), disk.free);
    for (let i = 0; i < 3; i++) expect((await t.call('GET', '/api/v1/settings')).status).toBe(200);
    const limiter = new RateLimiter(t.app.services.db, clock, { perMinute: 50, perDay: 1000 }, logger);
    limiter.consume('key_probe');
    disk.fill(t.app.services.db);
    // Called by a timer in the app: it must not throw (an uncaught exception would end the process).
    expect(() => limiter.flush()).not.toThrow();
    expect(() => limiter.flush()).not.toThrow();
    limiter.consume('key_probe');
    expect(() => limiter.flush()).not.toThrow();
    const lines = logger.lines.filter((l) => /Rate-limit counters could not be saved/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SQLITE_FULL|ENOSPC/);
    expect(lines[0]).not.toMatch(/\n\s+at /);
    const stored = () =>
      t.app.services.db.prepare(`SELECT count FROM rate_limits WHERE key_id = 'key_probe' AND window = 'minute'`).get() as
        { count: number } | undefined;
    expect(stored()).toBeUndefined();
    disk.free();
    limiter.flush();
    expect(stored()).toEqual({ count: 2 });
  });

  it('keeps reads with an API key working: the last-used time is skipped, not answered with 507', async () => {
    const disk = smallDisk();
    const logger = capturingLogger();
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 0));
    const t = await startTestApp({ dataDir: disk.dir, logger, clock });
    cleanups.push(() => t.stop(), disk.free);
    disk.fill(t.app.services.db);
    for (let i = 0; i < 3; i++) {
      clock.advance(2000); // past the last-used throttle, so every request tries to write it
      const r = await t.call('GET', '/api/v1/settings');
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    expect(logger.lines.filter((l) => /last-used time not saved/.test(l))).toHaveLength(1);
    // Writes are still refused in plain words.
    const write = await t.call('PATCH', '/api/v1/settings', { welcomeMessage: 'Hi {username}' });
    expect(write.status).toBe(507);
    expect(write.json.error.code).toBe('STORAGE_FULL');
    disk.free();
    clock.advance(2000);
    expect((await t.call('GET', '/api/v1/settings')).status).toBe(200);
    expect(t.app.services.keys.list().find((k) => k.name === 'test')!.lastUsedAt).toBe(new Date(clock.now()).toISOString());
  });
});
