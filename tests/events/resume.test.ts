import type { Request, Response } from 'express';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHistory } from '../../src/main/domains/events/history.js';
import { openSse } from '../../src/main/http/sse.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { SseParser, type SseMessage } from '../../src/renderer/src/api/events.js';
import type { BusEvent } from '../../src/shared/events.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const open: AbortController[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.abort();
  await t?.stop();
});

/** An event-stream reader: the messages so far, the comments (heartbeat) seen, and a way to hang up. */
async function listen(t: TestApp, query = '', headers: Record<string, string> = {}) {
  const controller = new AbortController();
  open.push(controller);
  const res = await fetch(`${t.app.baseUrl}/api/v1/events${query}`, {
    headers: { authorization: `Bearer ${t.key}`, ...headers },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const messages: SseMessage[] = [];
  let raw = '';
  const parser = new SseParser();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        raw += value;
        messages.push(...parser.feed(value));
      }
    } catch {
      // Hung up.
    }
  })();
  return { messages, raw: () => raw, hangUp: () => controller.abort() };
}

const enter = (username: string) => t.call('POST', '/api/v1/giveaway/entries', { username });
const entries = (ms: SseMessage[]) =>
  ms.filter((m) => m.event === 'giveaway.entry').map((m) => (JSON.parse(m.data) as { data: { username: string } }).data.username);

describe('the live event stream resumes across a reconnect', () => {
  it('replays what a client missed after its Last-Event-ID, a winner included, then goes on live', async () => {
    t = await startTestApp();
    const first = await listen(t);
    await enter('ann');
    await enter('bob');
    await expect.poll(() => entries(first.messages)).toEqual(['ann', 'bob']);
    const lastSeen = first.messages.at(-1)!.id!;
    expect(lastSeen).toMatch(/^evt_/);
    first.hangUp();
    // While the client is away: more entries and the draw.
    await enter('cy');
    expect((await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 1 })).status).toBe(200);
    const again = await listen(t, '', { 'last-event-id': lastSeen });
    await expect.poll(() => again.messages.map((m) => m.event)).toEqual(expect.arrayContaining(['giveaway.entry', 'giveaway.winner']));
    expect(entries(again.messages)).toEqual(['cy']);
    const winner = again.messages.find((m) => m.event === 'giveaway.winner')!;
    expect(JSON.parse(winner.data).data.winners).toHaveLength(1);
    // In publishing order, each with its id, and nothing from before the id.
    const ids = again.messages.map((m) => m.id);
    expect(ids.every((id) => id && id.startsWith('evt_'))).toBe(true);
    expect(ids).not.toContain(lastSeen);
    await enter('dee');
    await expect.poll(() => entries(again.messages)).toEqual(['cy', 'dee']);
    // The SSE retry hint, so EventSource reconnects soon.
    expect(again.raw()).toMatch(/^retry: \d+\n/);
  });

  it('takes ?lastEventId= for clients that cannot set the header, and filters the replay like the live stream', async () => {
    t = await startTestApp();
    const first = await listen(t);
    await enter('ann');
    await expect.poll(() => entries(first.messages)).toEqual(['ann']);
    const lastSeen = first.messages.at(-1)!.id!;
    first.hangUp();
    await enter('bob');
    await t.call('PATCH', '/api/v1/settings', { welcomeMessage: 'Hi {username}' });
    const again = await listen(t, `?types=giveaway.entry&lastEventId=${lastSeen}`);
    await expect.poll(() => entries(again.messages)).toEqual(['bob']);
    expect(again.messages.every((m) => m.event === 'giveaway.entry')).toBe(true);
  });

  it('sends a reset event when the Last-Event-ID is unknown or too old', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 0));
    t = await startTestApp({ clock });
    const unknown = await listen(t, '', { 'last-event-id': 'evt_never' });
    await expect.poll(() => unknown.messages.map((m) => m.event)).toEqual(['reset']);
    const reset = JSON.parse(unknown.messages[0]!.data);
    expect(reset).toMatchObject({ type: 'reset', accountId: null, data: { lastEventId: 'evt_never' } });
    unknown.hangUp();

    const first = await listen(t);
    await enter('ann');
    await expect.poll(() => entries(first.messages)).toEqual(['ann']);
    const lastSeen = first.messages.at(-1)!.id!;
    first.hangUp();
    await enter('bob');
    clock.advance(11 * 60_000);
    const late = await listen(t, '', { 'last-event-id': lastSeen });
    await expect.poll(() => late.messages.map((m) => m.event)).toEqual(['reset']);
    await enter('cy');
    await expect.poll(() => entries(late.messages)).toEqual(['cy']);
  });
});

describe('EventHistory', () => {
  const event = (i: number) => ({ id: `evt_${i}`, type: 'giveaway.entry', timestamp: '', accountId: null, data: {} }) as unknown as BusEvent;

  it('keeps the newest `size` events in order and forgets older ones', () => {
    const h = new EventHistory(new ManualClock(0), { size: 3, maxAgeMs: 60_000 });
    for (let i = 1; i <= 5; i++) h.record(event(i));
    expect(h.after('evt_3')!.map((e) => e.id)).toEqual(['evt_4', 'evt_5']);
    expect(h.after('evt_5')).toEqual([]);
    expect(h.after('evt_2')).toBeNull();
  });

  it('forgets events older than maxAgeMs', () => {
    const clock = new ManualClock(0);
    const h = new EventHistory(clock, { size: 10, maxAgeMs: 1000 });
    h.record(event(1));
    clock.advance(600);
    h.record(event(2));
    clock.advance(600);
    expect(h.after('evt_1')).toBeNull();
    expect(h.after('evt_2')).toEqual([]);
  });
});

describe('the SSE writer', () => {
  it('sends a heartbeat comment while idle and stops it when the client goes', async () => {
    const req = new EventEmitter() as unknown as Request;
    const writes: string[] = [];
    const res = {
      status: () => res,
      setHeader: () => res,
      flushHeaders: () => {},
      write: (s: string) => writes.push(s),
      end: () => {},
    } as unknown as Response;
    const stream = openSse(req, res, { heartbeatMs: 10, retryMs: 1500 });
    expect(writes[0]).toBe('retry: 1500\n: connected\n\n');
    await expect.poll(() => writes.filter((w) => w === ': ping\n\n').length).toBeGreaterThanOrEqual(2);
    (req as unknown as EventEmitter).emit('close');
    await stream.closed;
    const n = writes.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(writes.length).toBe(n);
  });
});
