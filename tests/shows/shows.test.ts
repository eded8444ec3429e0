import { afterEach, describe, expect, it } from 'vitest';
import { showsDomain } from '../../src/main/domains/shows/domain.js';
import type { ChatWireEvent } from '../../src/main/domains/chat/types.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import type { BusEvent } from '../../src/main/kernel/events/bus.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { chatStatus } from '../helpers/chat-status.js';

/** A gateway with only the data-stream side: the test pushes what a site's frames would say. */
class FakeStream {
  private listeners = new Set<(e: ChatWireEvent) => void>();
  onEvent(l: (e: ChatWireEvent) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  push(accountId: string, event: ChatWireEvent['event']) {
    for (const l of this.listeners) l({ accountId, platform: 'whatnot', event, receivedAt: 0 });
  }
}

let t: TestApp | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

async function setup() {
  const clock = new ManualClock(Date.parse('2026-11-30T20:00:00Z'));
  const stream = new FakeStream();
  let shows!: ReturnType<typeof showsDomain>;
  t = await startTestApp({ clock, modules: (s) => [(shows = showsDomain(s, stream, { disconnectGraceMs: 60_000, saveEveryMs: 3_600_000 }))] });
  const s = t.app.services;
  const accountId = s.accounts.active().id;
  const seen: BusEvent[] = [];
  s.bus.subscribe((e) => seen.push(e));
  const status = (connected: boolean, live: boolean) =>
    s.events.emit(
      'chat.status',
      accountId,
      chatStatus(accountId, {
        connected,
        live,
        paths: {
          wire: { available: true, live: connected, lastAt: null, framesPerMin: 0, byType: {}, unknown: 0, malformed: 0 },
          dom: { live: connected, lastAt: null, rowsPerMin: 0, role: 'fallback' },
        },
      }),
    );
  const line = (username: string, text: string, extra: Record<string, unknown> = {}) =>
    s.events.emit('chat.message', accountId, {
      accountId,
      platform: 'whatnot',
      kind: 'message',
      username,
      text,
      rowKey: `r-${username}-${text}`,
      history: false,
      self: false,
      pageTs: null,
      receivedAt: clock.now(),
      ...extra,
    });
  const get = async (path: string) => (await t!.call('GET', `/api/v1${path}`)).json;
  return { clock, stream, s, accountId, seen, status, line, get, tick: () => shows.service.tick() };
}

describe('shows', () => {
  it('a show starts on connect, counts its chat, tips, raids and sales, and ends when the page says it ended', async () => {
    const { clock, stream, accountId, seen, status, line, get } = await setup();
    expect((await get('/shows/current')).data.show).toBeNull();
    status(true, true);
    const started = seen.find((e) => e.type === 'show.started');
    expect(started?.data).toMatchObject({ accountId, platform: 'whatnot' });
    line('ana', 'hi');
    line('ana', 'shipping?');
    line('Bob', 'hello');
    line('bob', 'again');
    line('host', 'my line', { self: true });
    line('old', 'before we attached', { history: true });
    line('cat', 'joined 👋', { kind: 'join' });
    stream.push(accountId, { type: 'tip', id: 't1', userId: null, username: 'ana', amount: 5, currency: 'USD', text: 'love it', at: null });
    stream.push(accountId, { type: 'tip', id: 't2', userId: null, username: 'bob', amount: 2.5, currency: 'USD', text: null, at: null });
    stream.push(accountId, { type: 'raid', fromUsername: 'friend', toUsername: null, viewers: 40, at: null, direction: 'incoming' });
    stream.push(accountId, {
      type: 'raid',
      fromUsername: null,
      toUsername: 'other',
      viewers: 12,
      at: null,
      direction: 'outgoing',
      stage: 'selected',
    });
    stream.push(accountId, { type: 'product', action: 'sold', productId: 'p1', title: 'Card', price: 12, currency: 'USD', buyer: 'ana', at: null });
    stream.push(accountId, {
      type: 'product',
      action: 'updated',
      productId: 'p1',
      title: 'Card',
      price: 13,
      currency: 'USD',
      buyer: null,
      at: null,
      bidder: 'bob',
    });
    stream.push(accountId, { type: 'viewers', count: 80, at: null });
    stream.push(accountId, { type: 'viewers', count: 55, at: null });
    stream.push(accountId, { type: 'giveaway', phase: 'won', giveawayId: 'g1', title: 'Pack', entryCount: 9, winner: 'cat', at: null });

    const current = (await get('/shows/current')).data.show;
    expect(current.stats).toMatchObject({
      messages: 4,
      chatters: 2,
      joins: 1,
      tips: 2,
      tipTotals: { USD: 7.5 },
      raids: 1,
      raidViewers: 40,
      itemsSold: 1,
      salesTotals: { USD: 12 },
      platformGiveawaysWon: 1,
      peakViewers: 80,
    });
    expect(seen.filter((e) => e.type === 'stream.tip').map((e) => e.data)).toEqual([
      expect.objectContaining({ showId: current.id, username: 'ana', amount: 5, currency: 'USD', platform: 'whatnot' }),
      expect.objectContaining({ username: 'bob', amount: 2.5 }),
    ]);
    // Frequent updates (bids) and the outgoing raid's first announcement are counted nowhere and not stored.
    const events = (await get(`/shows/${current.id}/events`)).data.events.map((e: { event: { type: string } }) => e.event.type);
    expect(events).toEqual(['tip', 'tip', 'raid', 'product', 'giveaway']);

    clock.advance(3_600_000);
    status(true, false);
    const ended = seen.find((e) => e.type === 'show.ended');
    expect(ended?.data).toMatchObject({
      showId: current.id,
      endReason: 'ended',
      endedAt: '2026-11-30T21:00:00.000Z',
      stats: { messages: 4, chatters: 2 },
    });
    expect((await get('/shows/current')).data.show).toBeNull();
    const past = (await get('/shows')).data.shows;
    expect(past).toHaveLength(1);
    expect(past[0]).toMatchObject({ id: current.id, endedAt: '2026-11-30T21:00:00.000Z', stats: { tips: 2, itemsSold: 1 } });
    // A line after the show ended counts for no show.
    line('late', 'still here?');
    expect((await get(`/shows/${current.id}`)).data.show.stats.messages).toBe(4);
  });

  it('a reload or browser restart keeps the show; a chat gone past the grace period ends it at the moment it left', async () => {
    const { clock, status, line, get, tick } = await setup();
    status(true, false);
    const id = (await get('/shows/current')).data.show.id;
    clock.advance(1000);
    status(false, false);
    clock.advance(59_000);
    tick();
    status(true, false);
    line('ana', 'back');
    expect((await get('/shows/current')).data.show).toMatchObject({ id, stats: { messages: 1 } });
    clock.advance(5000);
    status(false, false);
    const leftAt = clock.now();
    clock.advance(59_999);
    tick();
    expect((await get('/shows/current')).data.show).not.toBeNull();
    clock.advance(1);
    tick();
    expect((await get('/shows/current')).data.show).toBeNull();
    expect((await get(`/shows/${id}`)).data.show).toMatchObject({ endReason: 'disconnected', endedAt: new Date(leftAt).toISOString() });
  });

  it('counts what the bot sent and the giveaway, keeps figures across a restart, and ends a show left open by a crash', async () => {
    const { s, accountId, status, line, get } = await setup();
    status(true, true);
    line('ana', 'enter');
    s.events.emit('message.sent', accountId, { messageId: 'msg_1', message: 'Welcome ana', cause: 'welcome', sentAt: null });
    s.events.emit('message.sent', accountId, { messageId: 'msg_2', message: 'Ships Monday', cause: 'faq', sentAt: null });
    s.giveaway.addEntry(accountId, { username: 'ana', source: 'chat', entriesPerUser: 1 });
    s.giveaway.addEntry(accountId, { username: 'bob', source: 'chat', entriesPerUser: 1 });
    s.giveaway.drawWinners(accountId, 1);
    const show = (await get('/shows/current')).data.show;
    expect(show.stats).toMatchObject({ botMessages: 2, welcomes: 1, faqAnswers: 1, giveawayEntries: 2, winnersDrawn: 1 });
    // Stopping the app ends the show with what it counted.
    const dataDir = t!.dataDir;
    await t!.stop();
    t = await startTestApp({ dataDir, modules: (deps) => [showsDomain(deps, null)] });
    const after = (await t.call('GET', `/api/v1/shows/${show.id}`)).json.data.show;
    expect(after).toMatchObject({ endReason: 'app-stopped', stats: { messages: 1, chatters: 1, giveawayEntries: 2 } });
    expect((await t.call('GET', '/api/v1/shows/nope')).json.error.code).toBe('NOT_FOUND');
  });
});
