import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('authentication and scopes', () => {
  it('refuses a request without a key with INVALID_API_KEY in the envelope', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/analytics', undefined, { key: null });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ success: false, error: { code: 'INVALID_API_KEY', message: expect.any(String) } });
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('refuses a wrong key, a malformed header and a revoked key', async () => {
    t = await startTestApp();
    expect((await t.call('GET', '/api/v1/settings', undefined, { key: 'bz_live_nope' })).status).toBe(401);
    const malformed = await t.call('GET', '/api/v1/settings', undefined, { key: null, headers: { authorization: 'Token abc' } });
    expect(malformed.status).toBe(401);
    expect(malformed.json.error.code).toBe('INVALID_API_KEY');
    const { key, apiKey } = t.app.services.keys.create('temp');
    expect((await t.call('GET', '/api/v1/settings', undefined, { key })).status).toBe(200);
    const revoked = await t.call('DELETE', `/api/v1/keys/${apiKey.id}`);
    expect(revoked.json.data.apiKey.revokedAt).not.toBeNull();
    expect((await t.call('GET', '/api/v1/settings', undefined, { key })).status).toBe(401);
  });

  it('accepts the deprecated ?api_key= and says it is deprecated', async () => {
    t = await startTestApp();
    const r = await t.call('GET', `/api/v1/analytics?api_key=${t.key}&period=day`, undefined, { key: null });
    expect(r.status).toBe(200);
    expect(r.json.data.period).toBe('day');
    expect(r.headers.get('deprecation')).toBe('true');
    expect(r.headers.get('warning')).toMatch(/deprecated/);
  });

  it('stores keys hashed, shows them once and records lastUsedAt', async () => {
    t = await startTestApp();
    const created = await t.call('POST', '/api/v1/keys', { name: 'zapier', scopes: ['analytics:read'] });
    expect(created.status).toBe(201);
    const key: string = created.json.data.key;
    expect(key).toMatch(/^bz_live_[A-Za-z0-9_-]{43,}$/);
    const rows = t.app.services.db.prepare('SELECT * FROM api_keys').all() as { hash: string; prefix: string }[];
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows.some((r) => r.hash.length === 64)).toBe(true);
    await t.call('GET', '/api/v1/analytics', undefined, { key });
    const list = await t.call('GET', '/api/v1/keys');
    const listed = list.json.data.keys.find((k: { name: string }) => k.name === 'zapier');
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.json)).not.toContain(key);
  });

  it('answers a missing scope with 403 INSUFFICIENT_SCOPE and allows the granted one', async () => {
    t = await startTestApp();
    const { key } = t.app.services.keys.create('reader', ['analytics:read']);
    expect((await t.call('GET', '/api/v1/analytics', undefined, { key })).status).toBe(200);
    const denied = await t.call('PATCH', '/api/v1/settings', { botActive: true }, { key });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('INSUFFICIENT_SCOPE');
    expect(t.app.services.settings.get(t.app.services.accounts.active().id).botActive).toBe(false);
  });

  it('lets a key that sends messages look up a message status, and nothing more', async () => {
    t = await startTestApp();
    await t.call('PATCH', '/api/v1/settings', { botActive: true });
    const { key } = t.app.services.keys.create('sender', ['messages:send']);
    const sent = await t.call('POST', '/api/v1/messages/send', { message: 'Flash sale!' }, { key });
    expect(sent.status).toBe(200);
    // The id it was given can be looked up with the same key.
    const status = await t.call('GET', `/api/v1/messages/${sent.json.data.messageId}`, undefined, { key });
    expect(status.status).toBe(200);
    expect(status.json.data.status).toBe('queued');
    expect((await t.call('GET', '/api/v1/settings', undefined, { key })).json.error.code).toBe('INSUFFICIENT_SCOPE');
    // Listing every message (other integrations' too) still needs messages:read.
    expect((await t.call('GET', '/api/v1/messages', undefined, { key })).json.error.code).toBe('INSUFFICIENT_SCOPE');
    const reader = t.app.services.keys.create('reader', ['messages:read']).key;
    expect((await t.call('POST', '/api/v1/messages/send', { message: 'nope' }, { key: reader })).json.error.code).toBe('INSUFFICIENT_SCOPE');
  });

  it('lets the dashboard session token in without rate-limit headers', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/settings', undefined, { key: t.app.sessionToken });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-ratelimit-limit')).toBeNull();
    expect((await t.call('GET', '/api/v1/settings', undefined, { key: 'bz_session_forged' })).status).toBe(401);
  });

  it('rejects an unknown scope when creating a key', async () => {
    t = await startTestApp();
    const r = await t.call('POST', '/api/v1/keys', { name: 'x', scopes: ['root'] });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('VALIDATION_ERROR');
    expect(t.app.services.keys.list()).toHaveLength(1);
  });
});
