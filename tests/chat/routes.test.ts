import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatModule, type ChatModule } from '../../src/main/domains/chat/domain.js';
import { builtinProfile } from '../../src/main/domains/chat/profiles.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

// The API side without a browser (noBrowser): what a headless API-only run answers.
let t: TestApp;
let chat: ChatModule;
beforeAll(async () => {
  t = await startTestApp({ modules: (s) => [(chat = chatModule(s, { noBrowser: true }))] });
});
afterAll(async () => {
  await t?.stop();
});

describe('chat routes without a browser', () => {
  it('status: disconnected, every selector role listed with what would be tried', async () => {
    const res = await t.call('GET', '/api/v1/chat/status');
    expect(res.status).toBe(200);
    const st = res.json.data;
    expect(st).toMatchObject({ connected: false, live: false, url: null, platform: 'whatnot', queue: { queued: 0, lastSentAt: null } });
    expect(Object.keys(st.selectorHealth)).toEqual(
      expect.arrayContaining(['chatInput', 'chatContainer', 'sendButton', 'messageItem', 'username', 'messageText', 'liveIndicator']),
    );
    expect(st.selectorHealth.chatInput).toEqual({ matched: null, tried: builtinProfile('whatnot').selectors.chatInput });
  });

  it('status: both chat paths, with nothing read yet (Whatnot has a wire decoder, eBay none)', async () => {
    const st = (await t.call('GET', '/api/v1/chat/status')).json.data;
    expect(st.paths).toEqual({
      wire: { available: true, live: false, lastAt: null, framesPerMin: 0, byType: {}, unknown: 0, malformed: 0 },
      dom: { live: false, lastAt: null, rowsPerMin: 0, role: 'primary' },
    });
    expect(st.summary).toBe('wire: silent, DOM: primary, not attached');
    const id = t.app.services.accounts.active().id;
    expect((await t.call('PATCH', `/api/v1/accounts/${id}`, { platform: 'ebay' })).status).toBe(200);
    const ebay = (await t.call('GET', '/api/v1/chat/status')).json.data;
    expect(ebay.paths.wire.available).toBe(false);
    expect(ebay.summary).toBe('wire: none for ebay, DOM: primary, not attached');
    await t.call('PATCH', `/api/v1/accounts/${id}`, { platform: 'whatnot' });
  });

  it('connect without any URL is a validation error; with one it records it and says why nothing opened', async () => {
    const none = await t.call('POST', '/api/v1/chat/connect', {});
    expect(none.status).toBe(400);
    expect(none.json.error.message).toMatch(/no live page URL/);
    const res = await t.call('POST', '/api/v1/chat/connect', { url: 'https://www.whatnot.com/live/abc' });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ connected: false, url: 'https://www.whatnot.com/live/abc', lastError: expect.stringMatching(/noBrowser/) });
    expect(res.json.data.selectorHealth.chatInput.tried).toEqual(builtinProfile('whatnot').selectors.chatInput);
    const off = await t.call('POST', '/api/v1/chat/disconnect');
    expect(off.json.data.connected).toBe(false);
  });

  it("reads the page with the account's platform as edited since the first connect", async () => {
    const id = t.app.services.accounts.active().id;
    await t.call('POST', '/api/v1/chat/connect', { url: 'https://www.whatnot.com/live/abc' });
    await t.call('POST', '/api/v1/chat/disconnect');
    expect((await t.call('PATCH', `/api/v1/accounts/${id}`, { platform: 'twitch', url: 'https://www.twitch.tv/shop' })).status).toBe(200);
    const st = (await t.call('GET', '/api/v1/chat/status')).json.data;
    expect(st.platform).toBe('twitch');
    expect(st.selectorHealth.chatInput.tried).toEqual(builtinProfile('twitch').selectors.chatInput);
    expect(chat.gateway.moderatorCommand(id, 'hide', 'troll')).not.toBe('/hide troll');
    const res = await t.call('POST', '/api/v1/chat/connect', {});
    expect(res.json.data).toMatchObject({ platform: 'twitch', url: 'https://www.twitch.tv/shop' });
    await t.call('POST', '/api/v1/chat/disconnect');
    await t.call('PATCH', `/api/v1/accounts/${id}`, { platform: 'whatnot', url: null });
  });

  it('messages: recent recorded lines, newest first, with limit', async () => {
    const s = t.app.services;
    const accountId = s.accounts.active().id;
    for (let i = 0; i < 3; i++)
      s.chatEvents.record({ accountId, direction: 'received', cause: null, username: `u${i}`, text: `line ${i}`, rowKey: `id:${i}`, at: 1000 + i });
    const res = await t.call('GET', '/api/v1/chat/messages?limit=2');
    expect(res.status).toBe(200);
    expect(res.json.data.messages.map((m: { text: string }) => m.text)).toEqual(['line 2', 'line 1']);
    expect(res.json.data.messages[0]).toMatchObject({ direction: 'received', username: 'u2', rowKey: 'id:2' });
    expect((await t.call('GET', '/api/v1/chat/messages?limit=0')).status).toBe(400);
  });

  it('scopes: chat:read to read, chat:write to connect', async () => {
    const { key } = t.app.services.keys.create('reader', ['chat:read']);
    expect((await t.call('GET', '/api/v1/chat/status', undefined, { key })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/chat/disconnect', undefined, { key })).status).toBe(403);
  });

  it('gives the bot the platform moderator commands and no live state without a page', () => {
    const id = t.app.services.accounts.active().id;
    expect(chat.gateway.isLive(id)).toBe(false);
    expect(chat.gateway.moderatorCommand(id, 'hide', 'troll')).toBe('/hide troll');
    expect(chat.gateway.viewerCount?.(id)).toBeNull();
  });
});
