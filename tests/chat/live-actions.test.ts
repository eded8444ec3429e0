import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatModule } from '../../src/main/domains/chat/domain.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

// The seller's own send, moderation and history search over HTTP, without a browser (messages stay queued).
let t: TestApp;
let accountId: string;
beforeAll(async () => {
  t = await startTestApp({ modules: (s) => [chatModule(s, { noBrowser: true })] });
  accountId = t.app.services.accounts.active().id;
});
afterAll(async () => {
  await t?.stop();
});

const setPlatform = (platform: string) => t.call('PATCH', `/api/v1/accounts/${accountId}`, { platform });

describe('POST /chat/send: the host writes as themselves', () => {
  it('queues the message with cause manual while the bot is off; /messages/send still answers BOT_INACTIVE', async () => {
    expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(false);
    const res = await t.call('POST', '/api/v1/chat/send', { message: 'Starting in 5 minutes!' });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ messageId: expect.stringMatching(/^msg_/), status: 'queued', cause: 'manual' });
    const m = (await t.call('GET', `/api/v1/messages/${res.json.data.messageId}`)).json.data;
    expect(m).toMatchObject({ message: 'Starting in 5 minutes!', cause: 'manual', status: 'queued' });
    const api = await t.call('POST', '/api/v1/messages/send', { message: 'from an integration' });
    expect(api.status).toBe(400);
    expect(api.json.error.code).toBe('BOT_INACTIVE');
  });

  it('refuses empty, blank, too long and unknown fields in the envelope', async () => {
    for (const body of [{ message: '' }, { message: '   ' }, { message: 'x'.repeat(501) }, { message: 'hi', delay: 5 }, {}]) {
      const res = await t.call('POST', '/api/v1/chat/send', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    }
    // 500 emoji are 500 characters.
    expect((await t.call('POST', '/api/v1/chat/send', { message: '🎉'.repeat(500) })).status).toBe(200);
  });

  it('needs messages:send', async () => {
    const sender = t.app.services.keys.create('sender', ['messages:send']).key;
    const reader = t.app.services.keys.create('reader', ['chat:read', 'chat:write']).key;
    expect((await t.call('POST', '/api/v1/chat/send', { message: 'hi' }, { key: sender })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/chat/send', { message: 'hi' }, { key: reader })).status).toBe(403);
  });
});

describe('POST /chat/moderate', () => {
  it("queues the platform's command with cause moderation", async () => {
    const res = await t.call('POST', '/api/v1/chat/moderate', { action: 'hide', username: '@troll_1' });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ command: '/hide troll_1', status: 'queued' });
    expect((await t.call('GET', `/api/v1/messages/${res.json.data.messageId}`)).json.data).toMatchObject({
      message: '/hide troll_1',
      cause: 'moderation',
    });
  });

  it('answers VALIDATION_ERROR when the platform has no such command, and queues nothing', async () => {
    const before = (await t.call('GET', '/api/v1/messages?limit=500')).json.data.messages.length;
    const res = await t.call('POST', '/api/v1/chat/moderate', { action: 'timeout', username: 'troll_1' });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringMatching(/whatnot chat has no timeout command/) });
    await setPlatform('youtube');
    expect((await t.call('POST', '/api/v1/chat/moderate', { action: 'hide', username: 'troll_1' })).json.error.code).toBe('VALIDATION_ERROR');
    expect((await t.call('GET', '/api/v1/messages?limit=500')).json.data.messages.length).toBe(before);
    await setPlatform('twitch');
    expect((await t.call('POST', '/api/v1/chat/moderate', { action: 'timeout', username: 'troll_1' })).json.data.command).toBe(
      '/timeout troll_1 600',
    );
    expect((await t.call('POST', '/api/v1/chat/moderate', { action: 'hide', username: 'troll_1' })).json.data.command).toBe('/timeout troll_1 1');
    await setPlatform('whatnot');
  });

  it('refuses unknown actions and names that would smuggle a second command; needs chat:write', async () => {
    for (const body of [
      { action: 'ban', username: 'x' },
      { action: 'hide', username: 'a b' },
      { action: 'hide', username: 'x /slow 1' },
      { action: 'hide', username: '' },
    ]) {
      expect((await t.call('POST', '/api/v1/chat/moderate', body)).status, JSON.stringify(body)).toBe(400);
    }
    const sender = t.app.services.keys.create('sender-only', ['messages:send']).key;
    expect((await t.call('POST', '/api/v1/chat/moderate', { action: 'hide', username: 'x' }, { key: sender })).status).toBe(403);
  });
});

describe('GET /chat/messages: history, search and paging', () => {
  it('shows sent rows under the name the host posts as, marked bot or host by cause', async () => {
    const s = t.app.services;
    const acc = s.accounts.create({ name: 'Identity', platform: 'whatnot' }).id;
    s.settings.update(acc, { hostUsername: 'CardShopSam' });
    s.chatEvents.record({ accountId: acc, direction: 'received', cause: 'faq', username: 'viewer_a', text: 'shipping?', at: 1000 });
    s.chatEvents.record({ accountId: acc, direction: 'sent', cause: 'faq', username: null, text: 'Shipping is $5', messageId: 'msg_a', at: 1001 });
    s.chatEvents.record({
      accountId: acc,
      direction: 'sent',
      cause: 'manual',
      username: null,
      text: 'Next up: Pikachu',
      messageId: 'msg_b',
      at: 1002,
    });
    s.chatEvents.record({
      accountId: acc,
      direction: 'sent',
      cause: 'manual',
      username: 'CardShopSam',
      text: 'typed on the site',
      rowKey: 'id:9',
      at: 1003,
    });
    const lines = (await t.call('GET', `/api/v1/chat/messages?account=${acc}`)).json.data.messages;
    expect(lines.map((l: any) => [l.username, l.sender, l.cause, l.text])).toEqual([
      ['CardShopSam', 'host', 'manual', 'typed on the site'],
      ['CardShopSam', 'host', 'manual', 'Next up: Pikachu'],
      ['CardShopSam', 'bot', 'faq', 'Shipping is $5'],
      ['viewer_a', 'viewer', 'faq', 'shipping?'],
    ]);
  });

  it('q matches text or username case-insensitively, % and _ literally, newest first; before pages back', async () => {
    const s = t.app.services;
    const acc = s.accounts.create({ name: 'Search', platform: 'whatnot' }).id;
    const rec = (username: string, text: string, at: number) =>
      s.chatEvents.record({ accountId: acc, direction: 'received', cause: null, username, text, at });
    rec('ann', '50% off today?', 1);
    rec('bob', '50 off today', 2);
    rec('Card_Fan', 'hello', 3);
    rec('cardxfan', 'hi', 4);
    rec('dan', 'path C:\\cards', 5);
    rec('eve', 'SHIPPING to Canada?', 6);
    rec('fay', 'shipping cost', 7);
    rec('gus', 'ship it', 8);
    const q = async (query: string) =>
      (await t.call('GET', `/api/v1/chat/messages?account=${acc}&${query}`)).json.data.messages.map((m: any) => m.text);
    expect(await q(`q=${encodeURIComponent('50%')}`)).toEqual(['50% off today?']);
    expect(await q(`q=${encodeURIComponent('card_')}`)).toEqual(['hello']);
    expect(await q(`q=${encodeURIComponent('C:\\c')}`)).toEqual(['path C:\\cards']);
    expect(await q('q=Shipping')).toEqual(['shipping cost', 'SHIPPING to Canada?']);
    expect(await q('q=CARDXFAN')).toEqual(['hi']);
    expect(await q('q=%20%20ship%20%20')).toEqual(['ship it', 'shipping cost', 'SHIPPING to Canada?']);
    // Paging: two at a time, each page from the last id of the one before.
    const first = (await t.call('GET', `/api/v1/chat/messages?account=${acc}&q=ship&limit=2`)).json.data.messages;
    expect(first.map((m: any) => m.text)).toEqual(['ship it', 'shipping cost']);
    expect(await q(`q=ship&limit=2&before=${first[1].id}`)).toEqual(['SHIPPING to Canada?']);
    // Without q, before pages the whole history.
    expect(await q(`limit=3&before=${first[1].id}`)).toEqual(['SHIPPING to Canada?', 'path C:\\cards', 'hi']);
  });

  it('refuses a q shorter than 2 or longer than 100 characters, and a bad cursor', async () => {
    for (const query of ['q=a', 'q=%20a%20', `q=${'x'.repeat(101)}`, 'before=0', 'before=abc', 'q=ok&limit=501']) {
      const res = await t.call('GET', `/api/v1/chat/messages?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_ERROR');
    }
    expect((await t.call('GET', `/api/v1/chat/messages?q=${'x'.repeat(100)}`)).status).toBe(200);
  });
});
