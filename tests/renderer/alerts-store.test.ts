import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim, Draw, LiveEvent, OutgoingMessage } from '../../src/renderer/src/api/types.js';
import {
  chatFacts,
  createAlertsStore,
  deriveAlerts,
  failuresOf,
  HIT_WINDOW_MS,
  selectorProblem,
  type AlertFacts,
  type AlertsApi,
} from '../../src/renderer/src/stores/alerts.js';

/** The status strip's derivation: which alerts the API's answers and the live events call for, and when they clear. */

const T0 = Date.parse('2026-11-30T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const health = (matched: Record<string, boolean>) =>
  Object.fromEntries(Object.entries(matched).map(([r, m]) => [r, { matched: m ? `.${r}` : null, tried: [`.${r}`] }]));
const status = (over: Record<string, unknown> = {}) => ({
  accountId: 'acc',
  platform: 'whatnot',
  connected: true,
  live: true,
  url: 'https://example.test/live',
  loggedInAs: 'host',
  lastMessageAt: null,
  lastError: null,
  selectorHealth: health({ chatInput: true, chatContainer: true, messageItem: true }),
  queue: { queued: 0, lastSentAt: null },
  paths: {
    wire: { available: true, live: false, lastAt: null, framesPerMin: 0, byType: {}, unknown: 0, malformed: 0 },
    dom: { live: true, lastAt: null, rowsPerMin: 3, role: 'primary' },
  },
  summary: 'wire: silent, DOM: primary, 3 rows/min',
  ...over,
});
let seq = 0;
const event = (type: string, data: unknown): LiveEvent => ({ id: String(++seq), type, accountId: 'acc', timestamp: iso(T0), data }) as LiveEvent;
const msg = (id: string, s: OutgoingMessage['status'], error: string | null = null): OutgoingMessage =>
  ({
    messageId: id,
    accountId: 'acc',
    message: `text ${id}`,
    cause: 'faq',
    status: s,
    attempts: 1,
    error,
    createdAt: iso(T0),
    scheduledFor: iso(T0),
    sentAt: null,
  }) as OutgoingMessage;
const draw = (drawId: string, winners: string[], rerolled: string[] = []): Draw => ({
  drawId,
  roundId: 1,
  count: winners.length,
  winners,
  entriesCount: 5,
  method: 'random',
  timestamp: iso(T0),
  rerollOf: null,
  replaced: null,
  rerolled,
});
const claim = (drawId: string, username: string, s: Claim['status'], deadline = T0 + 30_000): Claim => ({
  drawId,
  username,
  drawnAt: iso(T0),
  deadline: iso(deadline),
  status: s,
  claimedAt: s === 'claimed' ? iso(T0 + 1000) : null,
});
const facts = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  chat: null,
  chatEpisode: 0,
  selectorEpisode: 0,
  failures: [],
  claims: [],
  draws: [],
  hits: [],
  ...over,
});

describe('alert derivation', () => {
  it('calls for nothing when all is well, and for each cause in plain words with its fix', () => {
    expect(deriveAlerts(facts({ chat: chatFacts(status()) }))).toEqual([]);
    const all = deriveAlerts(
      facts({
        chat: chatFacts(status({ connected: false, lastError: 'The chat page crashed' })),
        chatEpisode: 1,
        failures: [{ messageId: 'm2', message: 'Hello', error: 'input not found' }],
        claims: [claim('d1', 'ann', 'expired')],
        draws: [draw('d1', ['ann'])],
        hits: [{ id: 1, username: 'spammer', reason: 'link', action: 'hide', at: T0 }],
      }),
      T0,
    );
    expect(all.map((a) => a.kind)).toEqual(['chat', 'sends', 'claims', 'moderation']);
    expect(all[0]).toMatchObject({ tone: 'bad', title: 'Chat disconnected', key: 'chat-1', actions: [{ href: '#/overview' }] });
    expect(all[0]!.detail).toContain('The chat page crashed');
    expect(all[1]).toMatchObject({ title: '1 message could not be sent', detail: 'Last: “Hello” (input not found)', actions: [{ href: '#/chat' }] });
    expect(all[2]).toMatchObject({ title: 'ann did not claim in time', tone: 'warn' });
    expect(all[2]!.actions[0]).toEqual({ label: 'Reroll ann', reroll: { username: 'ann', drawId: 'd1' } });
    expect(all[3]).toMatchObject({ title: '1 moderation hit in the last 10 minutes', items: ['spammer: link (hidden)'] });
  });

  it('a plain disconnect (no error) is no alert; a connected page missing the chat input or list is', () => {
    expect(deriveAlerts(facts({ chat: chatFacts(status({ connected: false })) }))).toEqual([]);
    const noInput = chatFacts(status({ selectorHealth: health({ chatInput: false, chatContainer: true }) }));
    expect(selectorProblem(noInput)).toMatch(/cannot post/);
    const noList = chatFacts(status({ selectorHealth: health({ chatInput: true, chatContainer: false }) }));
    expect(selectorProblem(noList)).toMatch(/not reading the chat/);
    // The data stream still delivers lines: a missing list only matters for posting, which works.
    const wireLive = status({ selectorHealth: health({ chatInput: true, chatContainer: false }) });
    (wireLive.paths as { wire: { live: boolean } }).wire.live = true;
    expect(selectorProblem(chatFacts(wireLive))).toBeNull();
    // Not probed yet (nothing matched at all): no alarm on the way up.
    expect(selectorProblem(chatFacts(status({ selectorHealth: health({ chatInput: false, chatContainer: false }) })))).toBeNull();
    // A partial status (an old core, a test) reads as not connected rather than throwing.
    expect(chatFacts({ accountId: 'acc', connected: false, live: false })).toEqual({
      connected: false,
      lastError: null,
      matched: {},
      wireLive: false,
    });
  });

  it('counts failures after the last send that went out, and no claim that was rerolled or made', () => {
    expect(
      failuresOf([msg('m4', 'failed', 'x'), msg('m3', 'queued'), msg('m2', 'failed', 'y'), msg('m1', 'sent'), msg('m0', 'failed')]).map(
        (f) => f.messageId,
      ),
    ).toEqual(['m4', 'm2']);
    const claims = [claim('d1', 'ann', 'expired'), claim('d1', 'bob', 'expired'), claim('d1', 'cy', 'claimed'), claim('d0', 'old', 'expired')];
    // bob was rerolled; d0 belongs to a cleared round (not in the draws).
    const alerts = deriveAlerts(facts({ claims, draws: [draw('d1', ['ann', 'bob', 'cy'], ['bob'])] }));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.title).toBe('ann did not claim in time');
  });
});

describe('alerts store', () => {
  let chat: ReturnType<typeof status>;
  let messages: OutgoingMessage[];
  let claims: Claim[];
  let draws: Draw[];
  const api: AlertsApi = {
    api: { chat: { status: async () => chat } } as unknown as AlertsApi['api'],
    listMessages: async () => messages,
    getClaims: async () => ({ claimWindowSeconds: 30, claims }),
    getDraws: async () => draws,
  };

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    chat = status();
    messages = [];
    claims = [];
    draws = [];
  });
  afterEach(() => vi.useRealTimers());

  it('loads the causes from the API, clears each when it is gone and re-shows a dismissed one when it comes back', async () => {
    chat = status({ connected: false, lastError: 'Browser closed' });
    messages = [msg('m2', 'failed', 'timeout'), msg('m1', 'sent')];
    const store = createAlertsStore(api);
    await store.getState().load();
    const kinds = () =>
      deriveAlerts(store.getState())
        .filter((a) => store.getState().dismissed[a.kind] !== a.key)
        .map((a) => a.kind);
    expect(kinds()).toEqual(['chat', 'sends']);

    // Reconnected: the chat alert clears itself. A message that goes out clears the failures.
    store.getState().onEvent(event('chat.status', status()));
    store.getState().onEvent(event('message.sent', { messageId: 'm3', message: 'hi', cause: 'faq', sentAt: iso(T0) }));
    expect(kinds()).toEqual([]);

    // Lost again: a new episode. Dismissed, it stays away while the cause lasts...
    store.getState().onEvent(event('chat.status', status({ connected: false, lastError: 'Page crashed' })));
    expect(kinds()).toEqual(['chat']);
    store.getState().dismiss('chat');
    expect(kinds()).toEqual([]);
    store.getState().onEvent(event('chat.status', status({ connected: false, lastError: 'Still down' })));
    expect(kinds()).toEqual([]);
    // ...and comes back when the chat is lost once more after a recovery.
    store.getState().onEvent(event('chat.status', status()));
    store.getState().onEvent(event('chat.status', status({ connected: false, lastError: 'Page crashed' })));
    expect(kinds()).toEqual(['chat']);

    // A dismissed send failure shows again on the next failure.
    store.getState().onEvent(event('message.failed', { messageId: 'm5', message: 'a', cause: 'faq', error: 'e' }));
    store.getState().dismiss('sends');
    expect(kinds()).toEqual(['chat']);
    store.getState().onEvent(event('message.failed', { messageId: 'm6', message: 'b', cause: 'faq', error: 'e' }));
    expect(deriveAlerts(store.getState()).find((a) => a.kind === 'sends')!.title).toBe('2 messages could not be sent');
    expect(kinds()).toEqual(['chat', 'sends']);
    store.getState().dispose();
  });

  it('turns a pending claim into an alert at its deadline, and clears it once the winner is rerolled', async () => {
    draws = [draw('d1', ['ann'])];
    claims = [claim('d1', 'ann', 'pending', T0 + 5000)];
    const store = createAlertsStore(api);
    await store.getState().load();
    expect(deriveAlerts(store.getState())).toEqual([]);
    claims = [claim('d1', 'ann', 'expired', T0 + 5000)];
    await vi.advanceTimersByTimeAsync(5300);
    expect(deriveAlerts(store.getState()).map((a) => a.kind)).toEqual(['claims']);

    draws = [draw('d1', ['ann'], ['ann']), draw('d2', ['bob'])];
    store.getState().onEvent(event('giveaway.winner', { winners: ['bob'], drawId: 'd2', entriesCount: 4, accountId: 'acc', timestamp: iso(T0) }));
    await vi.advanceTimersByTimeAsync(250);
    expect(deriveAlerts(store.getState())).toEqual([]);
    store.getState().dispose();
  });

  it('counts moderation hits over the last minutes and drops them as they age out', async () => {
    const store = createAlertsStore(api);
    await store.getState().load();
    const hit = (username: string) =>
      store
        .getState()
        .onEvent(event('moderation.hit', { accountId: 'acc', username, reason: 'blocked-word', detail: 'x', action: 'log', command: null }));
    hit('a');
    await vi.advanceTimersByTimeAsync(HIT_WINDOW_MS / 2);
    hit('b');
    expect(deriveAlerts(store.getState())[0]).toMatchObject({
      title: '2 moderation hits in the last 10 minutes',
      items: ['b: blocked-word', 'a: blocked-word'],
    });
    await vi.advanceTimersByTimeAsync(HIT_WINDOW_MS / 2 + 100);
    expect(deriveAlerts(store.getState())[0]!.title).toBe('1 moderation hit in the last 10 minutes');
    await vi.advanceTimersByTimeAsync(HIT_WINDOW_MS / 2);
    expect(deriveAlerts(store.getState())).toEqual([]);
    store.getState().dispose();
  });
});
