import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/renderer/src/api/client.js';
import { connectEvents, type EventStream } from '../../src/renderer/src/api/events.js';
import type { Account, ChatStatus, Show } from '../../src/renderer/src/api/types.js';
import { createStores, type Stores } from '../../src/renderer/src/stores/index.js';
import { createNewcomerStore, reachedSteps, type StepInput } from '../../src/renderer/src/stores/newcomer.js';
import { lastEnded, storedFromLive } from '../../src/renderer/src/stores/shows.js';
import { describePaths, describeStreamEvent, formatDuration, formatTotals, showDuration } from '../../src/renderer/src/screens/overview/show-text.js';
import { defaultModules } from '../../src/main/app/domains.js';
import type { ShowService } from '../../src/main/domains/shows/service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { waitUntil } from '../helpers/wait.js';
import { chatStatus } from '../helpers/chat-status.js';

const account = (platform: Account['platform'], url: string | null): Account =>
  ({ id: `acc_${platform}`, name: platform, platform, url, isActive: true, createdAt: '2026-11-30T00:00:00.000Z' }) as Account;

const chat = (patch: Partial<ChatStatus>): ChatStatus => ({
  connected: false,
  live: false,
  platform: 'whatnot',
  url: null,
  loggedInAs: null,
  lastMessageAt: null,
  lastError: null,
  queued: 0,
  selectors: [],
  summary: '',
  paths: {
    wire: { available: true, live: false, lastAt: null, framesPerMin: 0, byType: {}, unknown: 0, malformed: 0 },
    dom: { live: false, lastAt: null, rowsPerMin: 0, role: 'primary' },
  },
  ...patch,
});

const show = (platform: string, endedAt: string | null = null) => ({ platform, endedAt, startedAt: '2026-11-30T20:00:00.000Z' }) as Show;

const input = (patch: Partial<StepInput>): StepInput => ({ accounts: [], chat: null, current: null, recent: [], practiceShows: false, ...patch });

describe('newcomer steps', () => {
  it('tick from accounts, chat status and shows; the practice stream never counts as the real show', () => {
    expect(reachedSteps(input({ accounts: [account('whatnot', null)] }))).toEqual([]);
    expect(reachedSteps(input({ accounts: [account('whatnot', 'https://www.whatnot.com/user/me')] }))).toEqual(['account']);
    expect(reachedSteps(input({ chat: chat({ platform: 'practice', connected: true, live: true, loggedInAs: 'me' }) }))).toEqual(['practice']);
    expect(reachedSteps(input({ recent: [show('practice', '2026-11-30T21:00:00.000Z')] }))).toEqual(['practice']);
    expect(reachedSteps(input({ practiceShows: true }))).toEqual(['practice']);
    expect(reachedSteps(input({ chat: chat({ loggedInAs: 'sam' }) }))).toEqual(['login']);
    expect(reachedSteps(input({ chat: chat({ connected: true, live: true, loggedInAs: 'sam', url: 'https://x/live' }) }))).toEqual([
      'account',
      'login',
      'connect',
      'live',
    ]);
    expect(reachedSteps(input({ recent: [show('whatnot', '2026-11-30T21:00:00.000Z')] }))).toEqual(['connect']);
  });

  it('remembers reached steps, and only a finished list hides, for good', () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const api = new ApiClient({ baseUrl: 'http://127.0.0.1:9', token: 'x' });
    const a = createNewcomerStore(api, storage);
    a.getState().note(input({ chat: chat({ loggedInAs: 'sam' }) }));
    // The chat disconnects between shows: logging in once stays done.
    a.getState().note(input({ chat: chat({}) }));
    expect(a.getState().done).toEqual(['login']);
    a.getState().hide();
    expect(a.getState().hidden).toBe(false);
    a.getState().note(input({ practiceShows: true, chat: chat({ connected: true, live: true, loggedInAs: 'sam', url: 'https://x/live' }) }));
    expect(a.getState().done).toEqual(['practice', 'account', 'login', 'connect', 'live']);
    a.getState().hide();
    expect(a.getState().hidden).toBe(true);
    const b = createNewcomerStore(api, storage);
    expect(b.getState()).toMatchObject({ hidden: true, done: ['practice', 'account', 'login', 'connect', 'live'] });
    // A corrupt entry is no list rather than a crash.
    saved.set('buzzchat.newcomer.done', '{not json');
    expect(createNewcomerStore(api, storage).getState()).toMatchObject({ done: [], hidden: false });
  });
});

describe('show words', () => {
  it('durations, totals and what the platform reported', () => {
    expect(formatDuration(20_000)).toBe('under a minute');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
    expect(formatDuration(120 * 60_000)).toBe('2 h');
    expect(showDuration({ startedAt: '2026-11-30T20:00:00Z', endedAt: '2026-11-30T21:30:00Z' })).toBe('1 h 30 min');
    expect(formatTotals({ USD: 7.5, bits: 100 })).toBe('$7.50 + 100 bits');
    expect(formatTotals({})).toBe('');
    expect(describeStreamEvent({ type: 'tip', username: 'ana', amount: 5, currency: 'USD', text: null })).toBe('ana tipped $5.00');
    expect(describeStreamEvent({ type: 'tip', username: 'gg', amount: 4.99, currency: 'USD', text: null, variant: 'subgift', quantity: 2 })).toBe(
      'gg tipped $9.98 (subgift)',
    );
    expect(describeStreamEvent({ type: 'raid', direction: 'incoming', fromUsername: 'pal', toUsername: null, viewers: 40 })).toBe(
      'pal raided with 40 viewers',
    );
    expect(describeStreamEvent({ type: 'product', action: 'sold', productId: 'p', title: 'Card', price: 12, currency: 'USD', buyer: 'bob' })).toBe(
      'Card sold to bob for $12.00',
    );
    expect(describeStreamEvent({ type: 'giveaway', phase: 'won', giveawayId: null, title: 'Pack', entryCount: 9, winner: 'cat' })).toBe(
      'cat won the platform giveaway “Pack”',
    );
  });

  it("the chat's two readers in plain words", () => {
    const at = '2026-11-30T20:14:00.000Z';
    const hm = new Date(at).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
    const live = chat({ connected: true });
    live.paths = {
      wire: { available: true, live: true, lastAt: at, framesPerMin: 120, byType: {}, unknown: 0, malformed: 0 },
      dom: { live: false, lastAt: null, rowsPerMin: 0, role: 'fallback' },
    };
    expect(describePaths(live)).toEqual([
      { label: 'Data stream', text: 'live, 120 updates/min', tone: 'good' },
      { label: 'Page reader', text: 'backup ready', tone: 'good' },
    ]);
    live.paths = {
      wire: { available: true, live: false, lastAt: at, framesPerMin: 0, byType: {}, unknown: 0, malformed: 0 },
      dom: { live: true, lastAt: at, rowsPerMin: 30, role: 'primary' },
    };
    expect(describePaths(live)).toEqual([
      { label: 'Data stream', text: `not delivering since ${hm}`, tone: 'warn' },
      { label: 'Page reader', text: 'live, 30 lines/min', tone: 'good' },
    ]);
    live.paths.wire.available = false;
    expect(describePaths(live)[0]).toEqual({ label: 'Data stream', text: 'not used on this site', tone: 'muted' });
  });

  it('a live stream event becomes the row the show events route answers; the last show is the newest ended one', () => {
    const row = storedFromLive(
      {
        id: 'e1',
        type: 'stream.tip',
        timestamp: '2026-11-30T20:00:00.000Z',
        accountId: 'a',
        data: {
          accountId: 'a',
          showId: 'show_1',
          platform: 'whatnot',
          at: '2026-11-30T20:00:00.000Z',
          type: 'tip',
          username: 'ana',
          amount: 5,
          currency: 'USD',
          text: null,
        },
      } as never,
      1,
    );
    expect(row).toEqual({
      id: -1,
      showId: 'show_1',
      at: '2026-11-30T20:00:00.000Z',
      event: { type: 'tip', username: 'ana', amount: 5, currency: 'USD', text: null },
    });
    const ended = show('whatnot', '2026-11-29T22:00:00.000Z');
    expect(lastEnded([show('whatnot'), ended])).toBe(ended);
    expect(lastEnded([show('whatnot')])).toBeNull();
  });
});

describe('shows and analytics stores on a real core', () => {
  let t: TestApp;
  let shows!: ShowService;
  let stores: Stores;
  let stream: EventStream;
  let currentCalls = 0;
  let accountId = '';

  beforeAll(async () => {
    t = await startTestApp({
      modules: (s) => {
        const domains = defaultModules({ noBrowser: true })(s);
        shows = domains.find((d) => d.name === 'shows')!.service as ShowService;
        return domains;
      },
    });
    accountId = t.app.services.accounts.active().id;
    const api = new ApiClient({ baseUrl: t.app.baseUrl, token: t.app.sessionToken });
    const currentShow = api.currentShow.bind(api);
    api.currentShow = () => {
      currentCalls++;
      return currentShow();
    };
    stores = createStores(api);
    await stores.accounts.getState().load();
    stream = connectEvents({
      baseUrl: t.app.baseUrl,
      token: t.app.sessionToken,
      onEvent: stores.dispatch,
      onState: stores.live.getState().setStream,
    });
    await waitUntil(() => expect(stores.live.getState().stream).toBe('open'));
  });
  afterAll(async () => {
    stream?.close();
    stores?.dispose();
    await t?.stop();
  });

  const status = (connected: boolean, live: boolean) => {
    const s = chat({ connected, live, url: 'https://www.whatnot.com/live/x' });
    t.app.services.events.emit('chat.status', accountId, chatStatus(accountId, { connected, live, url: s.url, paths: s.paths }));
  };
  const line = (i: number) =>
    t.app.services.events.emit('chat.message', accountId, {
      accountId,
      platform: 'whatnot',
      kind: 'message',
      username: `viewer${i % 4}`,
      text: `line ${i}`,
      rowKey: `s-${i}`,
      history: false,
      self: false,
      pageTs: null,
      receivedAt: Date.now(),
    });

  it('follows a show from its start: a burst of chat is one refetch, a tip is listed at once, the end clears it', async () => {
    const s = stores.shows;
    await s.getState().load();
    expect(s.getState()).toMatchObject({ loaded: true, current: null, recent: [] });
    status(true, true);
    await expect.poll(() => s.getState().current?.id).toBeTruthy();
    const id = s.getState().current!.id;
    await expect.poll(() => s.getState().figures?.show).toBe(id);

    const before = currentCalls;
    for (let i = 0; i < 20; i++) line(i);
    await expect.poll(() => s.getState().figures?.messagesReceived).toBe(20);
    expect(s.getState().figures?.uniqueChatters).toBe(4);
    // Twenty lines arrive within moments: one trailing refetch per 1.5 s window, not one per line.
    expect(currentCalls - before).toBeLessThanOrEqual(3);

    shows.onWireEvent({
      accountId,
      platform: 'whatnot',
      receivedAt: Date.now(),
      event: { type: 'tip', id: 't1', userId: null, username: 'ana', amount: 5, currency: 'USD', text: null, at: null },
    });
    await expect.poll(() => s.getState().events.map((e) => e.event.type)).toEqual(['tip']);
    await expect.poll(() => s.getState().current?.stats.tips).toBe(1);
    shows.onWireEvent({ accountId, platform: 'whatnot', receivedAt: Date.now(), event: { type: 'viewers', count: 30, at: null } });
    await expect.poll(() => s.getState().viewers).toBe(30);
    expect(s.getState().current?.stats.peakViewers).toBe(30);

    status(true, false);
    await expect.poll(() => s.getState().current).toBeNull();
    await expect.poll(() => lastEnded(s.getState().recent)?.id).toBe(id);
    expect(s.getState()).toMatchObject({ events: [], viewers: null });
  });

  it("analytics: a show restricts the figures to its window; a period goes back to the period's", async () => {
    line(100);
    line(101);
    const id = (await t.api.shows.list({ query: {} })).shows[0]!.id;
    const a = stores.analytics;
    await a.getState().load('week');
    expect(a.getState().data?.messagesReceived).toBe(22);
    await a.getState().load(undefined, id);
    expect(a.getState()).toMatchObject({ period: 'week', show: id });
    expect(a.getState().data).toMatchObject({ show: id, messagesReceived: 20 });
    expect(a.getState().chatters.map((c) => c.messages)).toEqual([5, 5, 5, 5]);
    // A reload keeps the show; picking a period leaves it.
    await a.getState().load();
    expect(a.getState().show).toBe(id);
    await a.getState().load('month');
    expect(a.getState()).toMatchObject({ period: 'month', show: null });
    expect(a.getState().data?.messagesReceived).toBe(22);
  });
});
