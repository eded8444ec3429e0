import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
afterEach(async () => t?.stop());

describe('accounts', () => {
  it('starts with one active account in the reference shape', async () => {
    t = await startTestApp();
    const r = await t.call('GET', '/api/v1/accounts');
    expect(r.json.data.accounts).toEqual([expect.objectContaining({ id: expect.stringMatching(/^acc_/), name: 'Main Store', isActive: true })]);
  });

  it('creates, switches, renames and deletes accounts with separate state (through the typed client)', async () => {
    t = await startTestApp();
    const { api } = t;
    const main = (await api.accounts.list()).accounts[0]!.id;
    const created = await t.call('POST', '/api/v1/accounts', { name: 'Summer Sale', platform: 'twitch', url: 'https://www.twitch.tv/shop' });
    expect(created.status).toBe(201);
    const id = created.json.data.account.id;
    await api.settings.update({ body: { welcomeMessage: 'Main welcome {username}' } });
    expect((await api.accounts.switch({ body: { accountId: id } })).account).toMatchObject({ id, isActive: true });
    const list = (await api.accounts.list()).accounts;
    expect(list.filter((a) => a.isActive).map((a) => a.id)).toEqual([id]);
    expect((await api.settings.get()).welcomeMessage).toBe('Welcome to the stream, {username}!');
    expect((await api.settings.get({ query: { account: main } })).welcomeMessage).toBe('Main welcome {username}');
    expect((await api.accounts.update({ params: { id }, body: { name: 'Winter Sale' } })).account.name).toBe('Winter Sale');
    const refused = await api.accounts.delete({ params: { id } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409, code: 'CONFLICT' });
    await api.accounts.switch({ body: { accountId: main } });
    expect(await api.accounts.delete({ params: { id } })).toEqual({ deleted: id });
    expect((await api.accounts.list()).accounts).toHaveLength(1);
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
