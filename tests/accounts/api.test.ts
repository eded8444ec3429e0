import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('accounts', () => {
  it('starts with one active account in the reference shape', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/accounts');
    expect(r.json.data.accounts).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^acc_/), name: 'Main Store', isActive: true }),
    ]);
  });

  it('creates, switches, renames and deletes accounts with separate state', async () => {
    t = await startTestApp();
    const main = (await t.call('GET', '/api/v1/accounts')).json.data.accounts[0].id;
    const created = await t.call('POST', '/api/v1/accounts', { name: 'Summer Sale', platform: 'twitch', url: 'https://www.twitch.tv/shop' });
    expect(created.status).toBe(201);
    const id = created.json.data.account.id;
    await t.call('PATCH', '/api/v1/settings', { welcomeMessage: 'Main welcome {username}' });
    const sw = await t.call('POST', '/api/v1/accounts/switch', { accountId: id });
    expect(sw.json.data.account).toMatchObject({ id, isActive: true });
    const list = (await t.call('GET', '/api/v1/accounts')).json.data.accounts;
    expect(list.filter((a: { isActive: boolean }) => a.isActive).map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await t.call('GET', '/api/v1/settings')).json.data.welcomeMessage).toBe('Welcome to the stream, {username}!');
    expect((await t.call('GET', `/api/v1/settings?account=${main}`)).json.data.welcomeMessage).toBe('Main welcome {username}');
    const renamed = await t.call('PATCH', `/api/v1/accounts/${id}`, { name: 'Winter Sale' });
    expect(renamed.json.data.account.name).toBe('Winter Sale');
    const refused = await t.call('DELETE', `/api/v1/accounts/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('CONFLICT');
    await t.call('POST', '/api/v1/accounts/switch', { accountId: main });
    expect((await t.call('DELETE', `/api/v1/accounts/${id}`)).status).toBe(200);
    expect((await t.call('GET', '/api/v1/accounts')).json.data.accounts).toHaveLength(1);
  });

  it('validates input and 404s unknown accounts', async () => {
    t = await startTestApp();
    expect((await t.call('POST', '/api/v1/accounts/switch', { accountId: 'acc_nope' })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/accounts/switch', {})).json.error.code).toBe('VALIDATION_ERROR');
    expect((await t.call('POST', '/api/v1/accounts', { name: '' })).json.error.code).toBe('VALIDATION_ERROR');
    expect((await t.call('POST', '/api/v1/accounts', { name: 'x', platform: 'myspace' })).json.error.code).toBe('VALIDATION_ERROR');
    expect((await t.call('POST', '/api/v1/accounts', { name: 'x', url: 'javascript:alert(1)' })).json.error.code).toBe('VALIDATION_ERROR');
    expect((await t.call('GET', '/api/v1/analytics?account=acc_nope')).status).toBe(404);
  });
});
