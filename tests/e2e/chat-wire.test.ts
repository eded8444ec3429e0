import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatWireEvent } from '../../src/main/domains/chat/types.js';
import { startChatHarness, type ChatHarness } from './chat-harness.js';
import { burstAcrossSwitches } from './wire-burst.js';

/**
 * Both chat readers on the practice stream, whose page carries the same chat on its Phoenix-style socket
 * (/practice/socket, Whatnot's frames) and in its DOM, with the same message ids. The practice control API breaks
 * one path at a time: frames "stopped" (chat only in the DOM) or markup "alternate" (no selector matches: chat
 * only on the socket).
 */
let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({ settings: { sendMinSpacingMs: 0, botActive: true } });
});
afterAll(async () => {
  await h?.stop();
});

const status = async () => (await h.t.call('GET', '/api/v1/chat/status')).json.data;
const linesWith = (text: string) => h.lines.filter((l) => l.text === text);

describe('the wire path', () => {
  it('is primary on the practice stream, with the DOM as the ready fallback', async () => {
    await h.inject('wire_viewer', 'hello over the socket');
    await h.waitFor('the line', () => linesWith('hello over the socket').length === 1);
    const st = await status();
    expect(st.paths.wire).toMatchObject({ available: true, live: true, malformed: 0 });
    expect(st.paths.wire.byType.message).toBeGreaterThan(0);
    expect(st.paths.dom.role).toBe('fallback');
    expect(st.summary).toMatch(/^wire: \d+ frames\/min, DOM: fallback ready$/);
  });

  it('carries the chat alone when no selector matches the page (markup "alternate")', async () => {
    await h.practice('POST', '/paths', { markup: 'alternate' });
    try {
      const before = (await status()).paths.dom.lastAt;
      const m = await h.inject('socket_only', 'only the socket can read this');
      const line = await h.waitFor('the line from the wire', () => h.lines.find((l) => l.rowKey === `id:${m.id}`));
      expect(line).toMatchObject({ username: 'socket_only', history: false, self: false });
      expect((await status()).paths.dom.lastAt).toBe(before);
    } finally {
      await h.practice('POST', '/paths', { markup: 'whatnot' });
    }
  });

  it("confirms the bot's own send by its echo on the socket", async () => {
    await h.practice('POST', '/paths', { markup: 'alternate' });
    try {
      // The input is still there in the alternate markup; only the rows are unreadable.
      const res = await h.t.call('POST', '/api/v1/messages/send', { message: 'echo through the wire' });
      if (!res.json?.data) throw new Error(JSON.stringify(res.json));
      const id = res.json.data.messageId;
      await h.waitFor('the send confirmed', () => h.t.app.services.messages.get(id).status === 'sent', 15_000);
      expect(linesWith('echo through the wire').every((l) => l.self)).toBe(true);
    } finally {
      await h.practice('POST', '/paths', { markup: 'whatnot' });
    }
  });
});

describe('show events from the wire', () => {
  it('reach the event listeners once: tip, raid, viewers and the giveaway steps', async () => {
    const events: ChatWireEvent[] = [];
    const off = h.chat.driver.onEvent((e) => events.push(e));
    try {
      for (const event of ['tip', 'raid', 'viewers', 'giveaway']) await h.practice('POST', '/show-event', { event });
      await h.waitFor('the four events', () => ['tip', 'raid', 'viewers', 'giveaway'].every((t) => events.some((e) => e.event.type === t)));
      expect(events.every((e) => e.accountId === h.accountId && e.platform === 'practice')).toBe(true);
      expect(events.filter((e) => e.event.type === 'tip')).toHaveLength(1);
      const tip = events.find((e) => e.event.type === 'tip')!.event;
      expect(tip).toMatchObject({ username: expect.any(String), amount: expect.any(Number) });
      // The page shows a viewer count too; either way the gateway has one.
      expect(h.chat.gateway.viewerCount?.(h.accountId)).toEqual(expect.any(Number));
      const st = await status();
      expect(st.paths.wire.byType).toMatchObject({ tip: 1, raid: 1 });
    } finally {
      off();
    }
  });
});

describe('the DOM path', () => {
  it('carries the chat when the frames stop', async () => {
    await h.practice('POST', '/paths', { frames: 'stopped' });
    try {
      await h.inject('dom_only', 'only the page shows this');
      const line = await h.waitFor('the line from the DOM', () => h.lines.find((l) => l.text === 'only the page shows this'));
      // A row's own key: Whatnot rows (and so the practice page's) carry no message id.
      expect(line).toMatchObject({ rowKey: expect.stringMatching(/^k:/), history: false });
      expect((await status()).paths.dom.live).toBe(true);
    } finally {
      await h.practice('POST', '/paths', { frames: 'flowing' });
    }
  });
});

describe('switching paths mid-burst', () => {
  it('loses nothing and delivers nothing twice', async () => {
    const { texts, counts, history } = await burstAcrossSwitches(h);
    expect(texts).toHaveLength(200);
    expect([...counts].filter(([, n]) => n !== 1)).toEqual([]);
    expect(history).toBe(0);
  }, 90_000);
});
