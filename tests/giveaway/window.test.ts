import { afterEach, describe, expect, it } from 'vitest';
import { botModule, type BotModule } from '../../src/main/domains/bot/domain.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import type { BusEvent } from '../../src/main/kernel/events/bus.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { FakeGateway, line } from '../bot/fixtures.js';

/** The giveaway's entry window run live: open, close, the last call and the closing on the bot's clock. */
let t: TestApp | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const T0 = Date.parse('2026-12-01T20:00:00Z');

async function setup(settings: Record<string, unknown> = { botActive: true }) {
  const clock = new ManualClock(T0);
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
  const call = t.call;
  const accountId = t.app.services.accounts.active().id;
  const events: BusEvent[] = [];
  t.app.services.bus.subscribe((e) => events.push(e));
  expect((await call('PATCH', '/api/v1/settings', { welcomeEnabled: false, ...settings })).status).toBe(200);
  const sent = async () =>
    ((await call('GET', '/api/v1/messages?limit=100')).json.data.messages as { message: string; cause: string }[])
      .reverse()
      .filter((m) => m.cause === 'giveaway')
      .map((m) => m.message);
  const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.data as any);
  const say = (username: string, text: string) => gateway.push(line(username, text, { accountId }));
  const entries = async () => (await call('GET', '/api/v1/giveaway/entries')).json.data.count as number;
  return { clock, bot, call, accountId, sent, of, say, entries, settings: () => t!.app.services.settings.get(accountId).giveaway };
}

describe('giveaway window', () => {
  it('opens for a duration, says the last call once 30 s before and closes on time, through the bot', async () => {
    const { clock, bot, call, sent, of, say, entries, settings } = await setup();
    const open = await call('POST', '/api/v1/giveaway/open', { durationSeconds: 120, keyword: 'win' });
    expect(open.status).toBe(200);
    expect(open.json.data).toMatchObject({
      state: 'open',
      keyword: 'win',
      opensAt: '2026-12-01T20:00:00.000Z',
      closesAt: '2026-12-01T20:02:00.000Z',
      secondsLeft: 120,
      lastCallAt: '2026-12-01T20:01:30.000Z',
      lastCallSent: false,
      entries: 0,
    });
    expect(settings()).toMatchObject({ enabled: true, keyword: 'win', opensAt: '2026-12-01T20:00:00.000Z', closesAt: '2026-12-01T20:02:00.000Z' });
    expect(of('giveaway.opened')).toEqual([
      { accountId: expect.any(String), keyword: 'win', opensAt: '2026-12-01T20:00:00.000Z', closesAt: '2026-12-01T20:02:00.000Z' },
    ]);
    expect(await sent()).toEqual(['Giveaway open! Type win in chat for your chance to win 🎁']);

    say('ana', 'win');
    clock.advance(89_000);
    bot.tick();
    expect(of('giveaway.closing')).toEqual([]);
    clock.advance(1000);
    bot.tick();
    bot.tick();
    expect(of('giveaway.closing')).toEqual([expect.objectContaining({ keyword: 'win', secondsLeft: 30, closesAt: '2026-12-01T20:02:00.000Z' })]);
    expect((await sent()).at(-1)).toBe('Last call! 30 s left: type win in chat to join the giveaway');
    expect((await call('GET', '/api/v1/giveaway/status')).json.data).toMatchObject({ state: 'open', secondsLeft: 30, lastCallSent: true });

    say('bob', 'win');
    clock.advance(30_000);
    bot.tick();
    // At closesAt itself the last entry still counts; one ms later it does not.
    clock.advance(1);
    say('late', 'win');
    bot.tick();
    expect(await entries()).toBe(2);
    expect(of('giveaway.closed')).toEqual([{ accountId: expect.any(String), closedAt: '2026-12-01T20:02:00.000Z', reason: 'timer', entries: 2 }]);
    expect(await sent()).toEqual([
      'Giveaway open! Type win in chat for your chance to win 🎁',
      'Last call! 30 s left: type win in chat to join the giveaway',
      'Entries are closed: 2 entries. Good luck, the draw is next!',
    ]);
    expect((await call('GET', '/api/v1/giveaway/status')).json.data).toMatchObject({ state: 'closed', secondsLeft: null });
    // Closing what is closed already does nothing.
    await call('POST', '/api/v1/giveaway/close');
    expect(of('giveaway.closed')).toHaveLength(1);
  });

  it('closes by hand, once, and a window too short for its last call gets none', async () => {
    const { clock, bot, call, sent, of } = await setup();
    await call('POST', '/api/v1/giveaway/open', { durationSeconds: 20 });
    clock.advance(5000);
    bot.tick();
    clock.advance(5000);
    bot.tick();
    expect(of('giveaway.closing')).toEqual([]);
    const closed = await call('POST', '/api/v1/giveaway/close');
    expect(closed.json.data).toMatchObject({ state: 'closed', closesAt: '2026-12-01T20:00:10.000Z', lastCallSent: false });
    clock.advance(60_000);
    bot.tick();
    expect(of('giveaway.closed')).toEqual([expect.objectContaining({ reason: 'manual', closedAt: '2026-12-01T20:00:10.000Z' })]);
    expect(await sent()).toEqual([
      'Giveaway open! Type enter in chat for your chance to win 🎁',
      'Entries are closed: 0 entries. Good luck, the draw is next!',
    ]);
  });

  it('opens without a closing time until closed, can start a new round, and stays quiet with the bot off', async () => {
    const { clock, bot, call, sent, of, say, entries } = await setup({ botActive: false });
    await call('POST', '/api/v1/giveaway/entries', { username: 'from_before' });
    const open = await call('POST', '/api/v1/giveaway/open', { newRound: true });
    expect(open.json.data).toMatchObject({ state: 'open', closesAt: null, secondsLeft: null, lastCallAt: null, entries: 0 });
    clock.advance(3_600_000);
    bot.tick();
    expect(of('giveaway.closed')).toEqual([]);
    expect(await entries()).toBe(0);
    await call('POST', '/api/v1/bot/start');
    say('ana', 'enter');
    expect(await entries()).toBe(1);
    await call('POST', '/api/v1/bot/stop');
    await call('POST', '/api/v1/giveaway/close');
    expect(of('giveaway.closed')).toHaveLength(1);
    // The events are published; only an active bot speaks.
    expect(await sent()).toEqual([]);
  });

  it('does not announce a closing time it never saw ahead of it, and honours the announce switches', async () => {
    const { clock, bot, call, sent, of } = await setup({
      botActive: true,
      giveaway: {
        closesAt: '2026-12-01T19:00:00.000Z',
        announceOpen: false,
        announceClosed: false,
        lastCallSeconds: 10,
        lastCallMessage: 'Hurry: {timeLeft} for {keyword}, {entries} in',
      },
    });
    bot.tick();
    expect(of('giveaway.closed')).toEqual([]);
    await call('POST', '/api/v1/giveaway/open', { durationSeconds: 60 });
    clock.advance(50_000);
    bot.tick();
    clock.advance(10_000);
    bot.tick();
    expect(of('giveaway.closed')).toHaveLength(1);
    expect(await sent()).toEqual(['Hurry: 10 s for enter, 0 in']);
  });

  it('refuses bad bodies with VALIDATION_ERROR and changes nothing', async () => {
    const { call, of } = await setup();
    for (const body of [
      { durationSeconds: 5 },
      { durationSeconds: 1.5 },
      { durationSeconds: '60' },
      { keyword: '' },
      { keyword: 'x'.repeat(51) },
      { other: 1 },
    ]) {
      const r = await call('POST', '/api/v1/giveaway/open', body);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('VALIDATION_ERROR');
    }
    expect(of('giveaway.opened')).toEqual([]);
    expect((await call('GET', '/api/v1/giveaway/status')).json.data).toMatchObject({ state: 'open', opensAt: null, closesAt: null });
  });
});
