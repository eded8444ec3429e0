import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('smoke', () => {
  it('health and analytics', async () => {
    t = await startTestApp();
    const h = await t.call('GET', '/api/v1/health', undefined, { key: null });
    expect(h.status).toBe(200);
    expect(h.json.data.status).toBe('ok');
    const a = await t.call('GET', '/v1/analytics');
    expect(a.status).toBe(200);
    expect(a.json.data.totalMessages).toBe(0);
    expect(a.headers.get('x-ratelimit-limit')).toBe('60');
  });
});
