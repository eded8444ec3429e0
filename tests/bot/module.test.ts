import { afterEach, describe, expect, it } from 'vitest';
import { botModule, type BotModule } from '../../src/main/domains/bot/domain.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import type { BusEvent } from '../../src/main/kernel/events/bus.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { FakeGateway, join, line } from './fixtures.js';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

async function setup(settings: Record<string, unknown> = {}) {
  const clock = new ManualClock();
  const gateway = new FakeGateway();
  let bot!: BotModule;
  t = await startTestApp({
    clock,
    rateLimits: { perMinute: 100_000, perDay: 1_000_000 },
    modules: (s) => {
      gateway.events = s.events;
      return [(bot = botModule(s, gateway, { tickMs: 0, random: () => 0.5 }))];
    },
  });
  const accountId = t.app.services.accounts.active().id;
  const events: BusEvent[] = [];
  t.app.services.bus.subscribe((e) => events.push(e));
  const patch = await t.call('PATCH', '/api/v1/settings', { botActive: true, welcomeDelay: 0, ...settings });
  expect(patch.status).toBe(200);
  const push = (username: string, text: string, extra = {}) => gateway.push(line(username, text, { accountId, ...extra }));
  const joinLine = (username: string) => gateway.push({ ...join(username), accountId });
  const messages = async () =>
    (await t!.call('GET', '/api/v1/messages?limit=100')).json.data.messages.reverse() as { message: string; cause: string }[];
  return { clock, gateway, bot: bot!, accountId, events, push, joinLine, messages, s: t.app.services, call: t.call };
}

const shippingRule = { triggers: ['shipping', 'delivery'], response: 'Ships Monday, {username}!', cooldownSeconds: 0, userCooldownSeconds: 0 };

describe('bot module', () => {
  it('turns lines into queued replies and welcomes', async () => {
    const { push, messages, joinLine } = await setup({ faqRules: [shippingRule], commands: [{ name: 'rules', response: 'Be kind' }] });
    joinLine('ana');
    joinLine('ana');
    push('ana', 'shipping?');
    push('bob', '!rules');
    expect((await messages()).map((m) => [m.cause, m.message])).toEqual([
      ['welcome', 'Welcome to the stream, ana!'],
      ['faq', 'Ships Monday, ana!'],
      ['command', 'Be kind'],
      ['welcome', 'Welcome to the stream, bob!'],
    ]);
  });

  it('records every viewer line, counts FAQ triggers and emits message.received, also while the bot is off', async () => {
    const { push, call, events, messages, s, accountId } = await setup({
      faqRules: [shippingRule],
      commands: [{ name: 'rules', response: 'Be kind' }],
      welcomeEnabled: false,
    });
    push('ana', 'shipping?');
    push('bob', 'Shipping to Canada?');
    push('cat', 'delivery when');
    push('dan', 'hello');
    await call('POST', '/api/v1/bot/stop');
    push('eve', 'shipping cost?');
    push('fay', '!rules');
    push('bot', 'shipping!', { self: true });
    push('old', 'shipping', { history: true });
    // The same words again are a new line (the chat domain delivers each line once; see tests/chat/merge.test.ts).
    push('eve', 'shipping cost?', { rowKey: 'again' });
    const triggers = await call('GET', '/api/v1/analytics/faq-triggers');
    expect(triggers.json.data.triggers).toEqual([
      { keyword: 'shipping', count: 4 },
      { keyword: '!rules', count: 1 },
      { keyword: 'delivery', count: 1 },
    ]);
    const rows = s.chatEvents.recent(accountId, 0, 100).reverse();
    expect(rows.map((r) => [r.username, r.cause, r.trigger])).toEqual([
      ['ana', 'faq', 'shipping'],
      ['bob', 'faq', 'shipping'],
      ['cat', 'faq', 'delivery'],
      ['dan', null, null],
      ['eve', null, 'shipping'],
      ['fay', null, '!rules'],
      ['old', null, null],
      ['eve', null, 'shipping'],
    ]);
    expect((await messages()).map((m) => m.cause)).toEqual(['faq', 'faq', 'faq']);
    const received = events.filter((e) => e.type === 'message.received').map((e) => e.data);
    expect(received).toHaveLength(6);
    expect(received[0]).toEqual({
      username: 'ana',
      message: 'shipping?',
      matched: { type: 'faq', ruleId: expect.any(String), trigger: 'shipping' },
      accountId,
    });
    expect(received[4]).toEqual({ username: 'fay', message: '!rules', matched: { type: 'command', command: 'rules', trigger: '!rules' }, accountId });
  });

  it('stores what the host typed by hand as sent with cause manual, and nothing for the echo of a bot post', async () => {
    const { push, s, accountId } = await setup({ faqRules: [shippingRule], welcomeEnabled: false });
    push('PracticeHost', 'shipping is free today!', { self: true, manual: true });
    push('PracticeHost', 'Ships Monday, ana!', { self: true, manual: false });
    const rows = s.chatEvents.recent(accountId, 0, 10);
    expect(rows.map((r) => [r.direction, r.cause, r.username, r.text])).toEqual([['sent', 'manual', 'PracticeHost', 'shipping is free today!']]);
    expect((await t!.call('GET', '/api/v1/messages')).json.data.messages).toEqual([]);
  });

  it('enters the host who types the keyword only when the host is not excluded; bot posts never enter', async () => {
    const { push, call } = await setup({ welcomeEnabled: false, giveaway: { excludeHost: true } });
    push('PracticeHost', 'enter', { self: true, manual: true });
    expect((await call('GET', '/api/v1/giveaway/entries')).json.data.count).toBe(0);
    await call('PATCH', '/api/v1/settings', { giveaway: { excludeHost: false } });
    push('PracticeHost', 'Type "enter" for the giveaway', { self: true, manual: false });
    expect((await call('GET', '/api/v1/giveaway/entries')).json.data.count).toBe(0);
    push('PracticeHost', 'ok I enter too', { self: true, manual: true, rowKey: 'host-enter' });
    const entries = (await call('GET', '/api/v1/giveaway/entries')).json.data.entries;
    expect(entries.map((e: { username: string }) => e.username)).toEqual(['PracticeHost']);
  });

  it('writes giveaway entries to SQLite: whole keyword, one per user by default, host excluded', async () => {
    const { push, call } = await setup({ welcomeEnabled: false, hostUsername: 'TheShop' });
    push('ana', 'enter');
    push('ana', 'ENTER again');
    push('bob', 'enter!');
    push('cat', 'center stage');
    push('TheShop', 'enter');
    const res = await call('GET', '/api/v1/giveaway/entries');
    expect(res.json.data.entries.map((e: { username: string; source: string }) => [e.username, e.source])).toEqual([
      ['ana', 'chat'],
      ['bob', 'chat'],
    ]);
    await call('PATCH', '/api/v1/settings', { giveaway: { entriesPerUser: 2 } });
    push('ana', 'enter');
    push('ana', 'enter');
    expect((await call('GET', '/api/v1/giveaway/entries')).json.data.count).toBe(3);
  });

  it('rebuilds the matcher when settings change', async () => {
    const { push, call, messages } = await setup({ welcomeEnabled: false, faqRules: [shippingRule] });
    push('ana', 'refund?');
    await call('PATCH', '/api/v1/settings', { faqRules: [{ ...shippingRule, triggers: ['refund'], response: 'No refunds' }] });
    push('bob', 'refund?');
    push('cat', 'shipping?');
    expect((await messages()).map((m) => m.message)).toEqual(['No refunds']);
  });

  it('starts a new welcome session when the bot is started again', async () => {
    const { joinLine, call, messages } = await setup();
    joinLine('ana');
    joinLine('ana');
    await call('POST', '/api/v1/bot/stop');
    await call('POST', '/api/v1/bot/start');
    joinLine('ana');
    expect((await messages()).filter((m) => m.cause === 'welcome')).toHaveLength(2);
  });

  it('sends the platform moderator command, or only logs when the platform has none', async () => {
    const { push, gateway, messages } = await setup({ welcomeEnabled: false, moderation: { enabled: true, blockedWords: ['scam'], action: 'hide' } });
    push('spammer', 'total scam');
    gateway.commands.hide = null;
    push('other', 'scam here');
    expect((await messages()).map((m) => [m.cause, m.message])).toEqual([['moderation', '/hide spammer']]);
  });

  it('ticks timers on the clock only while live and active', async () => {
    const { bot, clock, gateway, call, messages } = await setup({
      welcomeEnabled: false,
      timerMessages: [{ message: 'Follow us ({viewerCount} here)', intervalMinutes: 1, jitterPercent: 0 }],
    });
    gateway.live = false;
    bot.tick();
    clock.advance(120_000);
    bot.tick();
    expect(await messages()).toEqual([]);
    gateway.live = true;
    bot.tick();
    clock.advance(60_000);
    bot.tick();
    expect((await messages()).map((m) => [m.cause, m.message])).toEqual([['timer', 'Follow us (42 here)']]);
    await call('POST', '/api/v1/bot/stop');
    clock.advance(120_000);
    bot.tick();
    expect(await messages()).toHaveLength(1);
  });

  it('announces winners and tracks whether they claim within the window', async () => {
    const { push, call, clock, messages, events } = await setup({
      welcomeEnabled: false,
      giveaway: { claimWindowSeconds: 60, winnerMessage: 'Winner: {winners}! Say hi within {claimSeconds}s' },
    });
    push('ana', 'enter');
    push('bob', 'enter');
    push('cat', 'enter');
    const draw = await call('POST', '/api/v1/giveaway/pick-winner', { count: 2 });
    expect(draw.json.error).toBeUndefined();
    expect(draw.status).toBe(200);
    const winners: string[] = draw.json.data.winners;
    expect((await messages()).map((m) => [m.cause, m.message])).toEqual([['giveaway', `Winner: ${winners.join(', ')}! Say hi within 60s`]]);
    clock.advance(30_000);
    push(winners[0]!, 'yay me!');
    clock.advance(31_000);
    push(winners[1]!, 'too late');
    const claims = await call('GET', '/api/v1/giveaway/claims');
    expect(claims.status).toBe(200);
    expect(claims.json.data.claimWindowSeconds).toBe(60);
    expect(claims.json.data.claims.map((c: { username: string; status: string }) => [c.username, c.status])).toEqual([
      [winners[0], 'claimed'],
      [winners[1], 'expired'],
    ]);
    // The dashboard hears of a claim as it happens; a late message claims nothing.
    expect(events.filter((e) => e.type === 'giveaway.claimed').map((e) => e.data.username)).toEqual([winners[0]]);
    const reroll = await call('POST', '/api/v1/giveaway/reroll', { username: winners[1] });
    expect(reroll.status).toBe(200);
    const after = (await call('GET', '/api/v1/giveaway/claims')).json.data.claims;
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ status: 'pending', drawId: reroll.json.data.drawId });
  });

  it('does not announce while the bot is off, and unsubscribes on stop', async () => {
    const { push, call, messages, gateway } = await setup({ welcomeEnabled: false });
    await call('PATCH', '/api/v1/settings', { botActive: true, giveaway: { entriesPerUser: 1 } });
    push('ana', 'enter');
    await call('POST', '/api/v1/bot/stop');
    expect((await call('POST', '/api/v1/giveaway/pick-winner', { count: 1 })).status).toBe(200);
    expect(await messages()).toEqual([]);
    expect(gateway.listenerCount).toBe(1);
    await t!.stop();
    expect(gateway.listenerCount).toBe(0);
  });
});
