import { afterEach, describe, expect, it } from 'vitest';
import { defaultModules } from '../../src/main/app/domains.js';
import type { BotModule } from '../../src/main/domains/bot/domain.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let bot: BotModule;
const withBot = () =>
  startTestApp({
    modules: (s) => {
      const list = defaultModules({ noBrowser: true })(s);
      bot = list.find((m) => m.name === 'bot') as BotModule;
      return list;
    },
  });
afterEach(async () => t?.stop());

const test = (message: string, username?: string) => t.call('POST', '/api/v1/bot/test', { message, username });

describe('POST /api/v1/bot/test: what the bot would do, without sending', () => {
  it('names the rule and the reply, says why nothing happens, and sends nothing', async () => {
    t = await withBot();
    await t.call('PATCH', '/api/v1/settings', {
      botActive: true,
      hostUsername: 'my_shop',
      welcomeMessage: 'Hi {username}!',
      faqRules: [
        { triggers: ['shipping', 'ship'], responses: ['Shipping is $5, {username}', 'Still $5'] },
        { triggers: ['how much is shipping'], response: 'Canada is $12' },
      ],
      commands: [{ name: 'discord', response: 'Join us at example.com' }],
      moderation: { enabled: true, blockedWords: ['scam'] },
      giveaway: { keyword: 'win' },
    });
    const faq = (await test('how much is shipping to canada?', 'ann')).json.data;
    expect(faq).toMatchObject({
      botActive: true,
      matched: { type: 'faq', ruleIndex: 0, trigger: 'shipping' },
      reply: 'Shipping is $5, ann',
      reason: null,
      welcome: 'Hi ann!',
      giveawayEntry: false,
    });
    // A dry run: no cooldown started, no rotation moved, nothing queued.
    expect((await test('ship?', 'ann')).json.data.reply).toBe('Shipping is $5, ann');
    expect((await t.call('GET', '/api/v1/messages')).json.data.messages).toEqual([]);

    expect((await test('!discord', 'bob')).json.data).toMatchObject({
      matched: { type: 'command', command: 'discord' },
      reply: 'Join us at example.com',
    });
    expect((await test('win win', 'bob')).json.data).toMatchObject({ matched: null, reply: null, reason: { code: 'no-match' }, giveawayEntry: true });
    const host = (await test('shipping?', 'My_Shop')).json.data;
    expect(host).toMatchObject({ reply: null, reason: { code: 'host' } });
    expect(host.reason.message).toContain('your own username');
    expect((await test('this is a scam, shipping?', 'eve')).json.data).toMatchObject({
      reply: null,
      reason: { code: 'moderation' },
      moderation: { reason: 'blocked-word', detail: 'scam', action: 'log' },
    });

    // A real line starts the rule's cooldown: the test then says so.
    const accountId = t.app.services.accounts.active().id;
    bot.engine(accountId).handleLine({
      accountId,
      platform: 'practice',
      kind: 'message',
      username: 'carl',
      text: 'shipping?',
      rowKey: 'r1',
      history: false,
      self: false,
      pageTs: null,
      receivedAt: 0,
    });
    const cooling = (await test('shipping?', 'ann')).json.data;
    expect(cooling).toMatchObject({ matched: { type: 'faq' }, reply: null, reason: { code: 'cooldown' } });
    expect(cooling.reason.message).toMatch(/answers again in \d+ s/);

    await t.call('POST', '/api/v1/bot/stop');
    expect((await test('!discord')).json.data).toMatchObject({ botActive: false, reply: 'Join us at example.com', reason: { code: 'bot-off' } });
  });

  it('needs settings:read and a message', async () => {
    t = await withBot();
    const { key } = t.app.services.keys.create('reader', ['settings:read']);
    expect((await t.call('POST', '/api/v1/bot/test', { message: 'hi' }, { key })).status).toBe(200);
    const { key: other } = t.app.services.keys.create('other', ['analytics:read']);
    expect((await t.call('POST', '/api/v1/bot/test', { message: 'hi' }, { key: other })).status).toBe(403);
    const empty = await t.call('POST', '/api/v1/bot/test', { message: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toContain('Type a chat message to test');
    // The start and stop routes still answer beside it.
    expect((await t.call('POST', '/api/v1/bot/start')).json.data).toEqual({ botActive: true });
  });
});
