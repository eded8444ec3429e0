import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectEvents, SseParser, type StreamState } from '../../src/renderer/src/api/events.js';
import type { LiveEvent } from '../../src/renderer/src/api/types.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

describe('SseParser', () => {
  it('handles any chunking, CRLF, comments, multi-line data and ids', () => {
    const stream = ': connected\r\n\r\nid: 1\r\nevent: a\r\ndata: {"x":\r\ndata: 1}\r\n\r\n: ping\n\nevent: b\ndata:plain\n\ndata: no-event\n\n';
    const whole = new SseParser().feed(stream);
    expect(whole).toEqual([
      { event: 'a', data: '{"x":\n1}', id: '1' },
      { event: 'b', data: 'plain', id: '1' },
      { event: 'message', data: 'no-event', id: '1' },
    ]);
    // Byte-by-byte (splitting every CRLF) gives the same messages.
    const p = new SseParser();
    const parts = [...stream].flatMap((c) => p.feed(c));
    expect(parts).toEqual(whole);
    expect(p.lastEventId).toBe('1');
  });

  it('keeps an unfinished message until its blank line arrives', () => {
    const p = new SseParser();
    expect(p.feed('data: half')).toEqual([]);
    expect(p.feed('\n')).toEqual([]);
    expect(p.feed('\n')).toEqual([{ event: 'message', data: 'half', id: null }]);
  });
});

describe('connectEvents against /api/v1/events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.stop());

  it('delivers bus events with their type, account and data, authenticated by the session token', async () => {
    const events: LiveEvent[] = [];
    const states: StreamState[] = [];
    const stream = connectEvents({
      baseUrl: t.app.baseUrl,
      token: t.app.sessionToken,
      onEvent: (e) => events.push(e),
      onState: (s) => states.push(s),
    });
    try {
      await expect.poll(() => states.at(-1)).toBe('open');
      await t.call('POST', '/api/v1/bot/start');
      await t.call('POST', '/api/v1/giveaway/entries', { username: 'sse_viewer' });
      await expect.poll(() => events.map((e) => e.type)).toEqual(expect.arrayContaining(['bot.started', 'settings.updated', 'giveaway.entry']));
      const entry = events.find((e) => e.type === 'giveaway.entry')!;
      expect(entry.id).toMatch(/^evt_/);
      expect(entry.accountId).toBe(t.app.services.accounts.active().id);
      expect(entry.data).toMatchObject({ username: 'sse_viewer' });
      expect(Number.isNaN(Date.parse(entry.timestamp))).toBe(false);
    } finally {
      stream.close();
    }
    expect(states.at(-1)).toBe('closed');
  });

  it('filters by type on the server', async () => {
    const events: LiveEvent[] = [];
    const states: StreamState[] = [];
    const stream = connectEvents({
      baseUrl: t.app.baseUrl,
      token: t.app.sessionToken,
      types: ['giveaway.entry'],
      onEvent: (e) => events.push(e),
      onState: (s) => states.push(s),
    });
    try {
      await expect.poll(() => states.at(-1)).toBe('open');
      await t.call('POST', '/api/v1/bot/stop');
      await t.call('POST', '/api/v1/giveaway/entries', { username: 'only_this' });
      await expect.poll(() => events.length).toBe(1);
      expect(events[0]!.type).toBe('giveaway.entry');
    } finally {
      stream.close();
    }
  });

  it('is told unauthorized by the server for a wrong token', async () => {
    const states: StreamState[] = [];
    connectEvents({ baseUrl: t.app.baseUrl, token: 'bz_session_wrong', onEvent: () => {}, onState: (s) => states.push(s), retryMs: 10 });
    await expect.poll(() => states).toEqual(['connecting', 'unauthorized']);
  });
});

describe('connectEvents on a 401', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops for good: no retry is scheduled, however long one waits', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const states: StreamState[] = [];
    const fake401 = async () => (calls++, new Response('{}', { status: 401 }));
    connectEvents({ token: 'bz_session_wrong', fetch: fake401 as typeof fetch, retryMs: 10, onEvent: () => {}, onState: (s) => states.push(s) });
    await vi.waitFor(() => expect(states).toEqual(['connecting', 'unauthorized']));
    // Any retry would be a timer: there is none, and running the clock a day ahead fetches nothing more.
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(calls).toBe(1);
    expect(states).toEqual(['connecting', 'unauthorized']);
  });
});

describe('connectEvents reconnects', () => {
  it('retries after the stream ends and resumes with Last-Event-ID', async () => {
    const seen: (string | null)[] = [];
    const events: string[] = [];
    let calls = 0;
    const fakeFetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      calls++;
      seen.push(new Headers(init?.headers).get('last-event-id'));
      const body =
        calls === 1
          ? 'id: evt_1\nevent: bot.started\ndata: {"id":"evt_1","type":"bot.started","timestamp":"2025-01-01T00:00:00Z","accountId":null,"data":{}}\n\n'
          : '';
      // Later connections stay open (like the real server) until aborted.
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          if (body) c.enqueue(new TextEncoder().encode(body));
          if (calls === 1) c.close();
          init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    };
    const states: StreamState[] = [];
    const s = connectEvents({
      token: 't',
      fetch: fakeFetch as typeof fetch,
      retryMs: 5,
      onEvent: (e) => events.push(e.id),
      onState: (st) => states.push(st),
    });
    await expect.poll(() => calls).toBe(2);
    s.close();
    expect(events).toEqual(['evt_1']);
    expect(seen).toEqual([null, 'evt_1']);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open', 'closed']);
  });
});
