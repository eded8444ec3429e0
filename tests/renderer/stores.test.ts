import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/renderer/src/api/client.js';
import { connectEvents, type EventStream } from '../../src/renderer/src/api/events.js';
import { createStores, type Stores } from '../../src/renderer/src/stores/index.js';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { waitUntil } from '../helpers/wait.js';

/** The dashboard's stores wired to a real core and its live stream, as App.tsx wires them. */
let t: TestApp;
let stores: Stores;
let stream: EventStream;

beforeAll(async () => {
  t = await startTestApp({ modules: defaultModules({ noBrowser: true }) });
  stores = createStores(new ApiClient({ baseUrl: t.app.baseUrl, token: t.app.sessionToken }));
  stream = connectEvents({ baseUrl: t.app.baseUrl, token: t.app.sessionToken, onEvent: stores.dispatch, onState: stores.live.getState().setStream });
  await waitUntil(() => expect(stores.live.getState().stream).toBe('open'));
});
afterAll(async () => {
  stream?.close();
  stores?.dispose();
  await t?.stop();
});
afterEach(async () => {
  await t.call('POST', '/api/v1/bot/stop');
});

const settingsNow = async () => (await t.call('GET', '/api/v1/settings')).json.data;

describe('overview store', () => {
  it('loads, toggles the bot through the API and follows changes made elsewhere', async () => {
    const o = stores.overview;
    await o.getState().load();
    expect(o.getState()).toMatchObject({ botActive: false, chatAvailable: true, error: null });
    expect(o.getState().today?.period).toBe('today');
    await o.getState().toggleBot();
    expect(o.getState().botActive).toBe(true);
    expect((await settingsNow()).botActive).toBe(true);
    await t.call('POST', '/api/v1/bot/stop');
    await expect.poll(() => o.getState().botActive).toBe(false);
    expect(stores.live.getState().feed.map((f) => f.text)).toEqual(expect.arrayContaining(['Bot started', 'Bot stopped']));
  });
});

describe('giveaway store', () => {
  it('counts live entries, draws, rerolls and clears', async () => {
    const g = stores.giveaway;
    await g.getState().load();
    expect(g.getState().count).toBe(0);
    for (const u of ['ann', 'bob', 'ANN', 'cy']) await t.call('POST', '/api/v1/giveaway/entries', { username: u });
    // "ANN" is ann again (entriesPerUser 1), so the server refuses it and no event arrives.
    await expect.poll(() => g.getState().count).toBe(3);
    expect(g.getState().uniqueUsers).toBe(3);
    await g.getState().draw(2);
    const draw = g.getState().lastDraw!;
    expect(draw.winners).toHaveLength(2);
    await g.getState().reroll(draw.winners[0]!, draw.drawId);
    expect(g.getState().lastDraw?.replaced).toBe(draw.winners[0]);
    expect(g.getState().draws.length).toBeGreaterThanOrEqual(1);
    expect(await g.getState().addEntry('bob')).toBe(false);
    expect(g.getState().error).toMatch(/maximum number of entries/);
    await g.getState().clear();
    expect(g.getState()).toMatchObject({ count: 0, entries: [], uniqueUsers: 0, draws: [] });
    expect((await t.call('GET', '/api/v1/giveaway/entries')).json.data.count).toBe(0);
  });
});

describe('giveaway claims', () => {
  it("shows each winner's claim state and turns a pending claim into a no-show at its deadline", async () => {
    const g = stores.giveaway;
    await t.call('PATCH', '/api/v1/settings', { giveaway: { claimWindowSeconds: 1 } });
    await t.call('DELETE', '/api/v1/giveaway/entries');
    for (const u of ['dan', 'eve']) await t.call('POST', '/api/v1/giveaway/entries', { username: u });
    await g.getState().load();
    await g.getState().draw(1);
    const draw = g.getState().lastDraw!;
    const state = () => g.getState().claims.find((c) => c.drawId === draw.drawId && c.username === draw.winners[0])?.status;
    await expect.poll(state).toBe('pending');
    // No event marks the deadline: the store refetches when it passes.
    await expect.poll(state).toBe('expired');
    await t.call('PATCH', '/api/v1/settings', { giveaway: { claimWindowSeconds: 0 } });
  });
});

describe('settings store', () => {
  it('keeps invalid edits local, maps server errors to fields, and saves one section only', async () => {
    const s = stores.settings;
    await s.getState().load();
    s.getState().edit((d) => ({ ...d, welcomeMessage: 'Hi {username}!' }));
    s.getState().edit((d) => ({
      ...d,
      faqRules: [
        {
          triggers: [],
          response: 'We ship worldwide',
          matchMode: 'word',
          caseSensitive: false,
          cooldownSeconds: 30,
          userCooldownSeconds: 120,
          priority: 0,
          enabled: true,
        },
      ],
    }));
    expect(s.getState().isDirty('faq')).toBe(true);
    expect(await s.getState().save('faq')).toBe(false);
    expect(Object.keys(s.getState().errors)).toEqual(['faqRules.0.triggers']);
    expect(s.getState().notice.faq?.tone).toBe('bad');
    expect((await settingsNow()).faqRules).toEqual([]);

    s.getState().edit((d) => ({ ...d, faqRules: [{ ...d.faqRules[0]!, triggers: ['shipping'] }] }));
    expect(await s.getState().save('faq')).toBe(true);
    expect(s.getState().errors).toEqual({});
    expect(s.getState().isDirty('faq')).toBe(false);
    const saved = await settingsNow();
    expect(saved.faqRules[0].triggers).toEqual(['shipping']);
    expect(saved.faqRules[0].id).toMatch(/^faq_/);
    // The welcome edit was not part of the FAQ save and is still pending.
    expect(saved.welcomeMessage).not.toBe('Hi {username}!');
    expect(s.getState().isDirty('welcome')).toBe(true);
    s.getState().revert('welcome');
    expect(s.getState().isDirty('welcome')).toBe(false);
  });

  it('picks up a change saved elsewhere without losing unsaved edits', async () => {
    const s = stores.settings;
    await s.getState().load();
    s.getState().edit((d) => ({ ...d, moderation: { ...d.moderation, blockedWords: ['spam'] } }));
    await t.call('PATCH', '/api/v1/settings', { giveaway: { keyword: 'raffle' } });
    await expect.poll(() => s.getState().draft?.giveaway.keyword).toBe('raffle');
    expect(s.getState().draft?.moderation.blockedWords).toEqual(['spam']);
    expect(s.getState().isDirty('moderation')).toBe(true);
  });
});

describe('chat store', () => {
  it("sends the host's own message with the bot off, then tracks messages through their events", async () => {
    const c = stores.chat;
    await c.getState().load();
    expect(await c.getState().send('hello chat')).toBe(true);
    expect(c.getState().outgoing.find((x) => x.message === 'hello chat')).toMatchObject({ status: 'queued', cause: 'manual' });
    // Shown in the log at once as the host's line, with its delivery status.
    expect(c.getState().lines.find((l) => l.text === 'hello chat')).toMatchObject({ sender: 'host', status: 'queued' });
    // A bot message queued and sent by the core shows up and changes status through the stream alone.
    const accountId = t.app.services.accounts.active().id;
    const queued = t.app.services.messages.enqueue({ accountId, text: 'Follow for more drops', cause: 'timer' });
    await expect.poll(() => c.getState().outgoing.find((x) => x.messageId === queued.messageId)?.status).toBe('queued');
    t.app.services.messages.markSent(queued.messageId);
    await expect.poll(() => c.getState().outgoing.find((x) => x.messageId === queued.messageId)?.status).toBe('sent');
    expect(c.getState().outgoing[0]).toMatchObject({ messageId: queued.messageId, cause: 'timer' });
  });

  it('appends chat.message events of the active account as lines, once per row', async () => {
    await stores.accounts.getState().load();
    const c = stores.chat;
    const line = {
      accountId: 'acc',
      platform: 'practice',
      kind: 'message' as const,
      username: 'zoe',
      text: 'hi all',
      rowKey: 'row-9',
      history: false,
      self: false,
      pageTs: null,
      receivedAt: Date.now(),
    };
    const accountId = stores.accounts.getState().active()!.id;
    const event = { id: 'evt_x', type: 'chat.message' as const, timestamp: new Date().toISOString(), accountId, data: line };
    stores.dispatch(event);
    stores.dispatch({ ...event, id: 'evt_y' });
    // Another account's chat (its session runs in the background) stays off this screen.
    stores.dispatch({ ...event, id: 'evt_z', accountId: 'acc_other', data: { ...line, rowKey: 'row-10', text: 'elsewhere' } });
    stores.dispatch({ ...event, id: 'evt_w', data: { ...line, rowKey: 'row-11', text: 'after' } });
    // Lines land together, once per frame.
    await expect.poll(() => c.getState().lines.at(-1)?.text).toBe('after');
    expect(c.getState().lines.filter((l) => l.key === 'row-9')).toHaveLength(1);
    expect(c.getState().lines.find((l) => l.key === 'row-9')).toMatchObject({ username: 'zoe', text: 'hi all', self: false, sender: 'viewer' });
    expect(c.getState().lines.some((l) => l.text === 'elsewhere')).toBe(false);
  });
});

describe('keys and accounts stores', () => {
  it('creates a key shown once and revokes it', async () => {
    const k = stores.keys;
    expect(await k.getState().create('dashboard key', ['analytics:read'])).toBe(true);
    const { key, apiKey } = k.getState().created!;
    expect((await t.call('GET', '/api/v1/analytics', undefined, { key })).status).toBe(200);
    k.getState().dismissCreated();
    expect(k.getState().created).toBeNull();
    await k.getState().revoke(apiKey.id);
    expect(k.getState().list.find((x) => x.id === apiKey.id)?.revokedAt).not.toBeNull();
    expect((await t.call('GET', '/api/v1/analytics', undefined, { key })).status).toBe(401);
  });

  it('creates, edits, switches (reloading account data) and deletes accounts', async () => {
    const a = stores.accounts;
    await a.getState().load();
    const first = a.getState().active()!;
    expect(await a.getState().create({ name: 'Summer Sale', platform: 'twitch' })).toBe(true);
    const second = a.getState().list.find((x) => x.name === 'Summer Sale')!;
    expect(await a.getState().update(second.id, { name: 'Summer Sale 2', url: 'https://www.twitch.tv/shop' })).toBe(true);
    expect(a.getState().list.find((x) => x.id === second.id)).toMatchObject({ name: 'Summer Sale 2', url: 'https://www.twitch.tv/shop' });
    // A bad URL is refused with the API's message and changes nothing.
    expect(await a.getState().update(second.id, { url: 'ftp://nope' })).toBe(false);
    expect(a.getState().error).toMatch(/http/);
    expect((await t.call('GET', '/api/v1/accounts')).json.data.accounts.find((x: { id: string }) => x.id === second.id).url).toBe(
      'https://www.twitch.tv/shop',
    );
    await stores.settings.getState().load();
    expect(await a.getState().switchTo(second.id)).toBe(true);
    expect(a.getState().active()?.id).toBe(second.id);
    // The new account has default settings, loaded by the switch.
    await expect.poll(() => stores.settings.getState().saved?.faqRules.length).toBe(0);
    await a.getState().remove(second.id);
    expect(a.getState().error).toMatch(/active account cannot be deleted/);
    expect(await a.getState().switchTo(first.id)).toBe(true);
    await a.getState().remove(second.id);
    expect(a.getState().list.map((x) => x.id)).toEqual([first.id]);
  });
});
