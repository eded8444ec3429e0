import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SseParser, type SseMessage } from '../../src/renderer/src/api/events.js';
import { OVERLAY_SCOPE } from '../../src/shared/contract/overlays.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let key: string;
const open: AbortController[] = [];
beforeEach(async () => {
  t = await startTestApp();
  key = t.app.services.keys.create('OBS overlays', [OVERLAY_SCOPE]).key;
});
afterEach(async () => {
  for (const c of open.splice(0)) c.abort();
  await t?.stop();
});

interface Message extends SseMessage {
  json: any;
}

/** An overlay's stream as the page reads it: every message with its JSON, and a way to hang up. */
async function listen(query: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  open.push(controller);
  const res = await fetch(`${t.app.baseUrl}/api/v1/overlays/events?${query}`, {
    headers: { authorization: `Bearer ${key}`, ...headers },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const messages: Message[] = [];
  const parser = new SseParser();
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const m of parser.feed(value)) messages.push({ ...m, json: JSON.parse(m.data) });
      }
    } catch {
      // hung up
    }
  })();
  return { messages, hangUp: () => controller.abort() };
}

const active = () => t.app.services.accounts.active().id;
const enter = (username: string) => t.call('POST', '/api/v1/giveaway/entries', { username });
const kinds = (ms: Message[]) =>
  ms.map((m) => (m.event === 'state' ? `state:${m.json.giveaway.entriesCount}` : `${m.event}:${m.json.data.username ?? m.json.data.winners ?? ''}`));

function line(username: string, text: string, extra: Record<string, unknown> = {}) {
  const accountId = active();
  return {
    accountId,
    platform: 'whatnot',
    kind: 'message' as const,
    username,
    text,
    rowKey: `r-${username}-${text}`,
    history: false,
    self: false,
    pageTs: null,
    receivedAt: Date.now(),
    ...extra,
  };
}

describe('GET /overlays/events: one page of an overlay, state first', () => {
  it("opens with the state, then carries its page's events of the shown account only", async () => {
    await enter('ann');
    const g = await listen('page=giveaway');
    const chat = await listen('page=chat');
    await expect.poll(() => kinds(g.messages)).toEqual(['state:1']);
    const other = t.app.services.accounts.create({ name: 'Second', platform: 'twitch' }).id;
    t.app.services.events.emit('giveaway.entry', other, { username: 'elsewhere', entryTime: new Date().toISOString(), accountId: other });
    t.app.services.events.emit('stream.viewers', active(), { accountId: active(), count: 5 });
    t.app.services.events.emit('chat.message', active(), line('viewer1', 'hello'));
    await enter('bob');
    await expect.poll(() => kinds(g.messages)).toEqual(['state:1', 'giveaway.entry:bob']);
    await expect.poll(() => chat.messages.map((m) => m.event)).toEqual(['state', 'chat.message']);
    expect(chat.messages[1]!.json.data).toMatchObject({ username: 'viewer1', text: 'hello' });
  });

  it('replays what a page missed after its Last-Event-ID, the winner included; an id no longer kept gets a fresh state', async () => {
    const first = await listen('page=giveaway');
    await enter('ann');
    await expect.poll(() => kinds(first.messages)).toEqual(['state:0', 'giveaway.entry:ann']);
    const lastSeen = first.messages.at(-1)!.id!;
    first.hangUp();
    await enter('bob');
    const draw = await t.call('POST', '/api/v1/giveaway/pick-winner', { count: 1 });
    const again = await listen('page=giveaway', { 'last-event-id': lastSeen });
    await expect.poll(() => kinds(again.messages)).toEqual(['giveaway.entry:bob', `giveaway.winner:${draw.json.data.winners[0]}`]);
    // The query form, for clients that cannot send the header, and an unknown id.
    const lost = await listen('page=giveaway&lastEventId=evt_gone');
    await expect.poll(() => kinds(lost.messages)).toEqual(['state:2']);
    expect(lost.messages[0]!.json.giveaway.latestDraw.drawId).toBe(draw.json.data.drawId);
    // The state carries the id to resume from: nothing is replayed twice.
    const resumed = await listen('page=giveaway', { 'last-event-id': lost.messages[0]!.id! });
    await enter('cy');
    await expect.poll(() => kinds(resumed.messages)).toEqual(['giveaway.entry:cy']);
  });

  it('sends a fresh state when the active account changes (the page follows it) or the giveaway settings are saved', async () => {
    const first = active();
    const g = await listen('page=giveaway');
    const pinned = await listen(`page=giveaway&account=${first}`);
    await expect.poll(() => g.messages.length).toBe(1);
    await t.call('PATCH', '/api/v1/settings', { giveaway: { keyword: 'gimme' } });
    await expect.poll(() => g.messages.map((m) => m.json.giveaway?.keyword)).toEqual(['enter', 'gimme']);
    await t.call('PATCH', '/api/v1/settings', { welcomeEnabled: false });
    const second = t.app.services.accounts.create({ name: 'Second', platform: 'twitch' }).id;
    t.app.services.accounts.switchTo(second);
    await expect.poll(() => g.messages.map((m) => m.json.accountId)).toEqual([first, first, second]);
    t.app.services.events.emit('giveaway.entry', second, { username: 'zed', entryTime: new Date().toISOString(), accountId: second });
    await expect.poll(() => kinds(g.messages).at(-1)).toBe('giveaway.entry:zed');
    // A page pinned to an account stays on it.
    await expect.poll(() => pinned.messages.map((m) => m.json.accountId)).toEqual([first, first]);
  });

  it('answers an unknown pinned account and a bad page before the stream opens', async () => {
    const missing = await t.call('GET', '/api/v1/overlays/events?page=giveaway&account=acc_missing', undefined, { key });
    expect(missing.status).toBe(404);
    const bad = await t.call('GET', '/api/v1/overlays/events?page=admin', undefined, { key });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_ERROR');
  });
});
