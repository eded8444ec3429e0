import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiRequestError, parseFieldErrors } from '../../src/renderer/src/api/client.js';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** The dashboard's API client against a real core, with the per-launch session token like the renderer. */
let bare: TestApp;
let full: TestApp;
let api: ApiClient;

beforeAll(async () => {
  [bare, full] = await Promise.all([startTestApp(), startTestApp({ modules: defaultModules({ noBrowser: true }) })]);
  api = new ApiClient({ baseUrl: full.app.baseUrl, token: full.app.sessionToken });
});
afterAll(async () => {
  await Promise.all([bare?.stop(), full?.stop()]);
});

async function failure(p: Promise<unknown>): Promise<ApiRequestError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiRequestError);
  return err as ApiRequestError;
}

describe('ApiClient', () => {
  it('unwraps the success envelope', async () => {
    const s = await api.getSettings();
    expect(s.botActive).toBe(false);
    expect(await api.setBotActive(true)).toBe(true);
    expect((await api.getSettings()).botActive).toBe(true);
    expect(await api.setBotActive(false)).toBe(false);
    const accounts = await api.listAccounts();
    expect(accounts.filter((a) => a.isActive)).toHaveLength(1);
  });

  it('turns validation envelopes into typed errors with field paths', async () => {
    const err = await failure(api.patchSettings({ welcomeDelay: -5, faqRules: [{ triggers: [], response: 'x' } as never] }));
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.status).toBe(400);
    expect(Object.keys(err.fieldErrors).sort()).toEqual(['faqRules.0.triggers', 'welcomeDelay']);
    expect(err.fieldErrors.welcomeDelay).toMatch(/>=\s*0|too small/i);
  });

  it('surfaces the catalogue codes: BOT_INACTIVE, NOT_FOUND, CONFLICT', async () => {
    const inactive = await failure(api.sendMessage('hello'));
    expect([inactive.code, inactive.status, inactive.message]).toEqual(['BOT_INACTIVE', 400, 'Bot must be active for this action']);
    const missing = await failure(api.deleteAccount('acc_nope'));
    expect([missing.code, missing.status]).toEqual(['NOT_FOUND', 404]);
    const active = (await api.listAccounts()).find((a) => a.isActive)!;
    const conflict = await failure(api.deleteAccount(active.id));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.fieldErrors).toEqual({});
  });

  it('reports a rejected token once through onUnauthorized', async () => {
    const onUnauthorized = vi.fn();
    const bad = new ApiClient({ baseUrl: full.app.baseUrl, token: 'bz_session_wrong', onUnauthorized });
    const err = await failure(bad.getSettings());
    expect([err.code, err.status]).toEqual(['INVALID_API_KEY', 401]);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0]![0]).toBe(err);
  });

  it('maps transport failures to NOT_RUNNING and non-JSON answers to BAD_RESPONSE', async () => {
    const down = new ApiClient({ baseUrl: 'http://127.0.0.1:1', token: 't' });
    expect((await failure(down.health())).code).toBe('NOT_RUNNING');
    const proxy = new ApiClient({ token: 't', fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }) });
    const err = await failure(proxy.health());
    expect([err.code, err.status]).toEqual(['BAD_RESPONSE', 502]);
  });

  it('treats a missing chat or webhooks module as "not available" (null), not as an error', async () => {
    const bareApi = new ApiClient({ baseUrl: bare.app.baseUrl, token: bare.app.sessionToken });
    expect(await bareApi.getChatStatus()).toBeNull();
    expect(await bareApi.getChatMessages()).toBeNull();
    expect(await bareApi.listWebhooks()).toBeNull();
    const status = await api.getChatStatus();
    expect(status).toMatchObject({ connected: false, platform: 'whatnot', queued: 0 });
    expect(await api.getChatMessages()).toEqual([]);
  });

  it('reads chat history as the chat module stores it', async () => {
    const accountId = full.app.services.accounts.active().id;
    full.app.services.chatEvents.record({ accountId, direction: 'received', cause: null, username: 'ann', text: 'hi', rowKey: 'r1', at: Date.now() });
    full.app.services.chatEvents.record({ accountId, direction: 'sent', cause: 'welcome', username: null, text: 'Welcome ann', at: Date.now() });
    const lines = (await api.getChatMessages())!;
    // No page and no hostUsername: the bot's line is the host's, named "You" until either says who they are.
    expect(lines.map((l) => [l.username, l.text, l.sender, l.cause])).toEqual(
      expect.arrayContaining([
        ['ann', 'hi', 'viewer', null],
        ['You', 'Welcome ann', 'bot', 'welcome'],
      ]),
    );
    expect(lines.find((l) => l.text === 'hi')!.key).toBe('r1');
  });

  it('drives the webhooks routes: secret once, toggle, test, deliveries, delete', async () => {
    const created = await api.createWebhook('http://127.0.0.1:1/hook', ['giveaway.entry']);
    expect(created.secret).toMatch(/^whsec_/);
    // The list's type has no secret; check at runtime that the server does not send it either.
    expect((await api.listWebhooks())!.map((w) => [w.id, (w as Record<string, unknown>).secret])).toEqual([[created.id, undefined]]);
    expect((await api.updateWebhook(created.id, { active: false })).active).toBe(false);
    const test = await api.testWebhook(created.id);
    expect(test.delivered).toBe(false);
    const deliveries = await api.webhookDeliveries(created.id);
    expect(Array.isArray(deliveries)).toBe(true);
    await api.deleteWebhook(created.id);
    expect(await api.listWebhooks()).toEqual([]);
    const bad = await failure(api.createWebhook('not a url', ['giveaway.entry']));
    expect(bad.code).toBe('VALIDATION_ERROR');
  });
});

describe('parseFieldErrors', () => {
  it('splits the server message into paths', () => {
    expect(parseFieldErrors('Invalid settings: faqRules.0.triggers: Too small; giveaway.keyword: Too big: expected <=50')).toEqual({
      'faqRules.0.triggers': 'Too small',
      'giveaway.keyword': 'Too big: expected <=50',
    });
    expect(parseFieldErrors('Malformed JSON in request body')).toEqual({});
  });
});
