import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/renderer/src/api/client.js';
import { createChatStore } from '../../src/renderer/src/stores/chat.js';
import { LINES_MAX } from '../../src/renderer/src/stores/chat-lines.js';
import type { LiveChatLine, LiveEvent } from '../../src/renderer/src/api/types.js';

/** The Live chat store over a scripted API: one sender identity, the host's sends until their echo, batching. */
const T0 = Date.parse('2025-01-24T10:00:00.000Z');
let n = 0;
const line = (data: Partial<LiveChatLine> & Pick<LiveChatLine, 'username' | 'text' | 'self'>, at = T0): LiveEvent => {
  const l: LiveChatLine = {
    accountId: 'acc_1',
    platform: 'practice',
    rowKey: `row_${++n}`,
    kind: 'message',
    history: false,
    pageTs: null,
    receivedAt: at,
    ...data,
  };
  return { id: `evt_${n}`, type: 'chat.message', timestamp: new Date(at).toISOString(), accountId: 'acc_1', data: { ...l } };
};
const queuedEvent = (messageId: string, message: string, cause: string): LiveEvent =>
  ({
    id: `evt_q${++n}`,
    type: 'message.queued',
    timestamp: new Date(T0).toISOString(),
    accountId: 'acc_1',
    data: { messageId, message, cause, scheduledFor: new Date(T0).toISOString() },
  }) as LiveEvent;
const doneEvent = (type: 'message.sent' | 'message.failed', messageId: string, message: string): LiveEvent =>
  ({
    id: `evt_d${++n}`,
    type,
    timestamp: new Date(T0).toISOString(),
    accountId: 'acc_1',
    data: { messageId, message, cause: 'manual', sentAt: new Date(T0).toISOString(), error: 'No chat input found' },
  }) as LiveEvent;

/** An API answering from a table of `METHOD /path` -> data (the envelope added). */
function fakeApi(routes: Record<string, (body: any, url: URL) => unknown>) {
  const calls: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const key = `${init?.method ?? 'GET'} ${url.pathname.replace('/api/v1', '')}`;
    calls.push(`${key}${url.search}`);
    const handler = routes[key];
    if (!handler)
      return new Response(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'Not found' } }), {
        status: 404,
        headers: { 'content-type': 'application/json' },
      });
    const data = handler(init?.body ? JSON.parse(String(init.body)) : undefined, url);
    return new Response(JSON.stringify({ success: true, data }), { headers: { 'content-type': 'application/json' } });
  };
  return { api: new ApiClient({ baseUrl: 'http://127.0.0.1:9', token: 't', fetch: fetch as typeof globalThis.fetch }), calls };
}

const sync = (fn: () => void) => {
  fn();
  return () => {};
};

describe('live chat store', () => {
  it("shows a bot post once although it comes back as the host's echo", () => {
    const store = createChatStore(fakeApi({}).api, { schedule: sync });
    store.getState().onEvent(queuedEvent('msg_faq', 'Shipping is $5', 'faq'));
    store.getState().onEvent(line({ username: 'PracticeHost', text: 'Shipping is $5', self: true }));
    store.getState().onEvent(line({ username: 'PracticeHost', text: 'Shipping is $5', self: true }, T0 + 1000));
    const lines = store.getState().lines.filter((l) => l.text === 'Shipping is $5');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ username: 'PracticeHost', sender: 'bot', cause: 'faq', messageId: 'msg_faq', status: null });
  });

  it('keeps a viewer repeating the same text, and a host post repeated much later', () => {
    const store = createChatStore(fakeApi({}).api, { schedule: sync });
    store.getState().onEvent(line({ username: 'ann', text: 'enter', self: false }));
    store.getState().onEvent(line({ username: 'ann', text: 'enter', self: false }));
    store.getState().onEvent(line({ username: 'Host', text: 'Follow!', self: true }));
    store.getState().onEvent(line({ username: 'Host', text: 'Follow!', self: true }, T0 + 5 * 60_000));
    expect(store.getState().lines.map((l) => l.text)).toEqual(['enter', 'enter', 'Follow!', 'Follow!']);
  });

  it("shows the host's send at once as their line, queued, and lets its echo confirm it instead of adding another", async () => {
    const { api } = fakeApi({
      'POST /chat/send': () => ({ messageId: 'msg_me', status: 'queued', cause: 'manual', scheduledFor: new Date(T0).toISOString() }),
    });
    const store = createChatStore(api, { schedule: sync });
    store
      .getState()
      .onEvent({ id: 'st', type: 'chat.status', timestamp: '', accountId: 'acc_1', data: { loggedInAs: 'PracticeHost' } } as unknown as LiveEvent);
    expect(await store.getState().send('Bids open now')).toBe(true);
    // The stream reports the same message: still one line.
    store.getState().onEvent(queuedEvent('msg_me', 'Bids open now', 'manual'));
    const mine = () => store.getState().lines.filter((l) => l.text === 'Bids open now');
    expect(mine()).toEqual([expect.objectContaining({ key: 'msg_me', username: 'PracticeHost', sender: 'host', cause: 'manual', status: 'queued' })]);
    store.getState().onEvent(line({ username: 'PracticeHost', text: 'Bids open now', self: true, manual: false }));
    expect(mine()).toEqual([expect.objectContaining({ sender: 'host', status: 'sent' })]);
    store.getState().onEvent(doneEvent('message.sent', 'msg_me', 'Bids open now'));
    expect(mine()).toHaveLength(1);
    expect(store.getState().outgoing[0]).toMatchObject({ messageId: 'msg_me', status: 'sent' });
  });

  it('marks a failed send on its line with the reason', () => {
    const store = createChatStore(fakeApi({}).api, { schedule: sync });
    store.getState().onEvent(queuedEvent('msg_x', 'Anyone there?', 'manual'));
    store.getState().onEvent(doneEvent('message.failed', 'msg_x', 'Anyone there?'));
    expect(store.getState().lines.find((l) => l.key === 'msg_x')).toMatchObject({ status: 'failed', error: 'No chat input found' });
  });

  it('loads the history under the lines that came live, each once, and keeps at most LINES_MAX lines', async () => {
    const history = [
      {
        id: 2,
        direction: 'sent',
        username: 'PracticeHost',
        sender: 'bot',
        text: 'Welcome ann',
        cause: 'welcome',
        rowKey: null,
        messageId: 'msg_w',
        createdAt: new Date(T0 - 1000).toISOString(),
      },
      {
        id: 1,
        direction: 'received',
        username: 'ann',
        sender: 'viewer',
        text: 'hi',
        cause: null,
        rowKey: 'id:1',
        messageId: null,
        createdAt: new Date(T0 - 2000).toISOString(),
      },
    ];
    const { api } = fakeApi({
      'GET /chat/messages': () => ({ messages: history }),
      'GET /messages': () => ({ messages: [] }),
      'GET /chat/status': () => null,
    });
    const store = createChatStore(api, { schedule: sync });
    store.getState().onEvent(line({ username: 'ann', text: 'hi', self: false, rowKey: 'id:1' }));
    store.getState().onEvent(line({ username: 'bo', text: 'live one', self: false }));
    await store.getState().load();
    expect(store.getState().lines.map((l) => [l.username, l.text, l.sender])).toEqual([
      ['ann', 'hi', 'viewer'],
      ['PracticeHost', 'Welcome ann', 'bot'],
      ['bo', 'live one', 'viewer'],
    ]);
    for (let i = 0; i < LINES_MAX + 100; i++) store.getState().onEvent(line({ username: 'v', text: `line ${i}`, self: false }));
    expect(store.getState().lines).toHaveLength(LINES_MAX);
    expect(store.getState().lines.at(-1)!.text).toBe(`line ${LINES_MAX + 99}`);
    // Arrival numbers keep growing past the cap (the "new messages" pill counts by them).
    expect(store.getState().seq).toBe(LINES_MAX + 100 + 3);
  });

  it('applies the events of a frame in one update, in order', () => {
    let frame: (() => void) | null = null;
    const store = createChatStore(fakeApi({}).api, { schedule: (fn) => ((frame = fn), () => {}) });
    let updates = 0;
    store.subscribe(() => updates++);
    for (let i = 0; i < 10; i++) store.getState().onEvent(line({ username: 'v', text: `burst ${i}`, self: false }));
    expect(store.getState().lines).toHaveLength(0);
    frame!();
    expect(updates).toBe(1);
    expect(store.getState().lines.map((l) => l.text)).toEqual(Array.from({ length: 10 }, (_, i) => `burst ${i}`));
  });

  it('searches the stored history a page at a time, older pages from the last id', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      id: 100 - i,
      direction: 'received',
      username: `u${i}`,
      sender: 'viewer',
      text: `ship ${i}`,
      cause: null,
      rowKey: null,
      messageId: null,
      createdAt: new Date(T0 - i).toISOString(),
    }));
    const { api, calls } = fakeApi({
      'GET /chat/messages': (_b, url) => {
        const before = Number(url.searchParams.get('before') ?? Infinity);
        return { messages: rows.filter((r) => r.id < before).slice(0, Number(url.searchParams.get('limit'))) };
      },
    });
    const store = createChatStore(api, { schedule: sync });
    await store.getState().runSearch('ship');
    expect(store.getState().search).toMatchObject({ q: 'ship', loading: false, done: false });
    expect(store.getState().search!.results).toHaveLength(50);
    await store.getState().searchMore();
    expect(
      store
        .getState()
        .search!.results.map((r) => r.id)
        .slice(-2),
    ).toEqual([42, 41]);
    expect(store.getState().search!.done).toBe(true);
    expect(calls.at(-1)).toBe('GET /chat/messages?q=ship&before=51&limit=50');
    store.getState().clearSearch();
    expect(store.getState().search).toBeNull();
  });

  it('says what a moderation did, or why the platform cannot', async () => {
    const { api } = fakeApi({ 'POST /chat/moderate': (b) => ({ messageId: 'msg_m', status: 'queued', command: `/hide ${b.username}` }) });
    const store = createChatStore(api, { schedule: sync });
    expect(await store.getState().moderate('hide', 'troll')).toBe(true);
    expect(store.getState().notice).toEqual({ tone: 'good', text: 'Sent /hide troll to chat' });
    const bad = createChatStore(fakeApi({}).api, { schedule: sync });
    expect(await bad.getState().moderate('timeout', 'troll')).toBe(false);
    expect(bad.getState().notice?.tone).toBe('bad');
  });
});
