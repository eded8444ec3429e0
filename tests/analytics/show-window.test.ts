import { afterEach, describe, expect, it } from 'vitest';
import { showsDomain } from '../../src/main/domains/shows/domain.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { chatStatus } from '../helpers/chat-status.js';

/** GET /analytics...?show=<id>: the figures of one show's time window, whatever the period. */
let t: TestApp | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

async function setup() {
  const clock = new ManualClock(Date.parse('2026-11-30T20:10:00Z'));
  t = await startTestApp({
    clock,
    modules: (s) => {
      const shows = showsDomain(s, null, { saveEveryMs: 3_600_000 });
      s.analytics.useShows(shows.service);
      return [shows];
    },
  });
  const s = t.app.services;
  const accountId = s.accounts.active().id;
  const status = (connected: boolean, live: boolean) =>
    s.events.emit(
      'chat.status',
      accountId,
      chatStatus(accountId, {
        connected,
        live,
        url: null,
        paths: {
          wire: { available: true, live: false, lastAt: null, framesPerMin: 0, byType: {}, unknown: 0, malformed: 0 },
          dom: { live: false, lastAt: null, rowsPerMin: 0, role: 'primary' },
        },
      }),
    );
  let n = 0;
  const line = (username: string, text: string, reaction: { cause: string | null; trigger: string | null } | null = null) =>
    s.events.emit('chat.message', accountId, {
      accountId,
      platform: 'whatnot',
      kind: 'message',
      username,
      text,
      rowKey: `r${n++}`,
      history: false,
      self: false,
      pageTs: null,
      receivedAt: clock.now(),
      reaction,
    });
  const sent = (cause: string) => s.events.emit('message.sent', accountId, { messageId: `msg_${n++}`, message: 'hi', cause, sentAt: null });
  const get = async (path: string) => (await t!.call('GET', `/api/v1${path}`)).json;
  return { clock, status, line, sent, get };
}

describe('analytics of one show', () => {
  it('restricts the summary, triggers, top chatters and timeline to the show, and 404s an unknown show', async () => {
    const { clock, status, line, sent, get } = await setup();
    line('before', 'too early', { cause: 'faq', trigger: 'ship' });
    sent('welcome');
    clock.advance(60_000);
    status(true, true);
    const show = (await get('/shows/current')).data.show;
    line('ana', 'shipping?', { cause: 'faq', trigger: 'shipping' });
    sent('faq');
    clock.advance(20 * 60_000);
    line('bob', 'hello');
    line('ana', 'enter', { cause: 'giveaway', trigger: null });
    line('ana', 'shipping to Canada?', { cause: 'faq', trigger: 'shipping' });
    sent('faq');
    sent('timer');
    clock.advance(10 * 60_000);
    status(true, false);
    clock.advance(60_000);
    line('after', 'gone?', { cause: 'faq', trigger: 'ship' });
    sent('welcome');

    const running = await get(`/analytics?show=${show.id}&period=day`);
    expect(running.data).toMatchObject({
      show: show.id,
      since: '2026-11-30T20:11:00.000Z',
      until: '2026-11-30T20:41:00.000Z',
      period: 'day',
      totalMessages: 3,
      faqReplies: 2,
      timerMessages: 1,
      welcomeMessages: 0,
      messagesReceived: 4,
      uniqueChatters: 2,
    });
    // The period alone still counts everything.
    expect((await get('/analytics?period=day')).data).toMatchObject({ show: null, until: null, totalMessages: 5, messagesReceived: 6 });
    expect((await get(`/analytics/faq-triggers?show=${show.id}`)).data.triggers).toEqual([{ keyword: 'shipping', count: 2 }]);
    expect((await get(`/analytics/top-chatters?show=${show.id}`)).data.chatters).toEqual([
      { username: 'ana', messages: 3, lastMessageAt: '2026-11-30T20:31:00.000Z' },
      { username: 'bob', messages: 1, lastMessageAt: '2026-11-30T20:31:00.000Z' },
    ]);
    const timeline = (await get(`/analytics/timeline?show=${show.id}`)).data;
    expect(timeline.bucketMinutes).toBe(5);
    expect(timeline.buckets[0]).toEqual({ start: '2026-11-30T20:10:00.000Z', received: 1, sent: 1 });
    expect(timeline.buckets.reduce((a: number, b: { received: number }) => a + b.received, 0)).toBe(4);
    expect(timeline.buckets.at(-1).start).toBe('2026-11-30T20:40:00.000Z');

    for (const path of ['/analytics', '/analytics/faq-triggers', '/analytics/top-chatters', '/analytics/timeline']) {
      const r = await t!.call('GET', `/api/v1${path}?show=show_nope`);
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe('NOT_FOUND');
    }
    const other = await t!.call('POST', '/api/v1/accounts', { name: 'Other', platform: 'twitch', url: 'https://twitch.tv/x' });
    const wrong = await t!.call('GET', `/api/v1/analytics?show=${show.id}&account=${other.json.data.account.id}`);
    expect(wrong.status).toBe(404);
  });

  it('counts a running show up to now', async () => {
    const { clock, status, line, get } = await setup();
    status(true, true);
    const show = (await get('/shows/current')).data.show;
    line('ana', 'hi');
    clock.advance(1000);
    line('bob', 'hi');
    const r = (await get(`/analytics?show=${show.id}`)).data;
    expect(r).toMatchObject({ until: null, messagesReceived: 2, uniqueChatters: 2 });
  });
});
