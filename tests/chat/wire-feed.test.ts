import { EventEmitter } from 'node:events';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AccountChat } from '../../src/main/domains/chat/account-chat.js';
import { wireDecoder } from '../../src/main/domains/chat/platforms/decoders.js';
import { builtinProfile } from '../../src/main/domains/chat/profiles.js';
import { chatSnapshot } from '../../src/main/domains/chat/status.js';
import type { ChatLine, ChatWireEvent } from '../../src/main/domains/chat/types.js';
import { MAX_WIRE_CHARS, WireFeed } from '../../src/main/domains/chat/wire/feed.js';
import type { WireDecoder } from '../../src/main/domains/chat/wire/types.js';

/**
 * The wire feed on a stand-in for Playwright's Page (the `websocket` / `response` events and their objects), through
 * an account's chat, so what is counted is what the status shows. Frames follow the Phoenix layout the Whatnot
 * decoder reads (tests/fixtures/wire/whatnot/SOURCE.md); their values are invented.
 */
class FakeSocket extends EventEmitter {
  constructor(private u: string) {
    super();
  }
  url(): string {
    return this.u;
  }
  receive(payload: string | Buffer): void {
    this.emit('framereceived', { payload });
  }
  send(payload: string): void {
    this.emit('framesent', { payload });
  }
}

const SOCKET = 'wss://www.whatnot.com/services/live/socket/websocket?vsn=2.0.0';
const frame = (event: string, payload: unknown) => JSON.stringify(['3', null, 'chat:ls1', event, payload]);
const newMsg = (id: string, username: string, message: string, timestamp = Date.now()) =>
  frame('new_msg', { id, user: { id: `u_${username}`, username }, message, timestamp });

function setup(decoder: WireDecoder = wireDecoder('whatnot')!) {
  const lines: ChatLine[] = [];
  const events: ChatWireEvent[] = [];
  let statusChanges = 0;
  const now = () => Date.now();
  const chat = new AccountChat('acc_1', 'whatnot', builtinProfile('whatnot'), decoder, now, () => 'TheHost', {
    lines: (l) => lines.push(...l),
    events: (e) => events.push(...e),
    statusChanged: () => statusChanges++,
  });
  const page = new EventEmitter();
  const feed = new WireFeed(decoder, (r, at) => chat.handleWire(r, at), now);
  feed.attach(page as unknown as Page);
  const socket = (url = SOCKET) => {
    const ws = new FakeSocket(url);
    page.emit('websocket', ws);
    return ws;
  };
  const status = () =>
    chatSnapshot(chat, {
      accountId: 'acc_1',
      platform: 'whatnot',
      profile: chat.profile,
      wireAvailable: true,
      queued: 0,
      hostUsername: null,
      now: Date.now(),
    });
  return { chat, lines, events, page, feed, socket, status, statusChanges: () => statusChanges };
}

describe('wire feed', () => {
  it('decodes frames the page receives on the decoder socket into lines; frames it sends and other sockets are ignored', () => {
    const f = setup();
    const ws = f.socket();
    ws.receive(newMsg('m1', 'ann', 'is shipping free?'));
    ws.send(frame('new_msg', { message: 'typed by us' }));
    f.socket('wss://example.com/other').receive(newMsg('m2', 'bob', 'not chat of this page'));
    expect(f.lines.map((l) => [l.rowKey, l.username, l.text, l.history])).toEqual([['id:m1', 'ann', 'is shipping free?', false]]);
    expect(f.status().paths.wire).toMatchObject({ live: true, framesPerMin: 1, byType: { message: 1 }, unknown: 0, malformed: 0 });
    expect(f.status().summary).toBe('wire: 1 frames/min, DOM: fallback not attached');
  });

  it('counts a 1 MB frame, a truncated one, a binary one and an unknown event, and reads on after them', () => {
    const f = setup();
    const ws = f.socket();
    ws.receive(newMsg('m1', 'ann', 'x'.repeat(1024 * 1024)));
    ws.receive(newMsg('m2', 'ann', 'cut off').slice(0, 30));
    ws.receive(Buffer.from([0x83, 0x01]));
    ws.receive('x'.repeat(MAX_WIRE_CHARS + 1));
    ws.receive(frame('phx_reply', { status: 'ok', response: {} }));
    ws.receive(newMsg('m3', 'ann', 'still reading'));
    expect(f.lines.map((l) => l.text)).toEqual(['still reading']);
    const wire = f.status().paths.wire;
    expect(wire).toMatchObject({ malformed: 4, unknown: 1, byType: { message: 1 } });
    // The heartbeat reply and the good frame were read; the refused ones were not.
    expect(wire.framesPerMin).toBe(2);
  });

  it('never lets a decoder (or a listener) throw into Playwright', () => {
    const throwing: WireDecoder = {
      platform: 'whatnot',
      socketUrl: /./,
      decodeFrame: () => {
        throw new Error('bug');
      },
    };
    const f = setup(throwing);
    expect(() => f.socket().receive('{}')).not.toThrow();
    expect(f.status().paths.wire.malformed).toBe(1);
    const errors: unknown[] = [];
    const page = new EventEmitter();
    new WireFeed(
      wireDecoder('whatnot')!,
      () => {
        throw new Error('listener bug');
      },
      Date.now,
      (e) => errors.push(e),
    ).attach(page as unknown as Page);
    const ws = new FakeSocket(SOCKET);
    page.emit('websocket', ws);
    expect(() => ws.receive(newMsg('m1', 'a', 'b'))).not.toThrow();
    expect(errors).toHaveLength(1);
  });

  it('non-message events go to the event listeners; viewers and stream state fill in what the page does not show', () => {
    const f = setup();
    const ws = f.socket();
    ws.receive(frame('livestream_update', { activeViewers: 321, status: 'PLAYING', title: 'Packs' }));
    ws.receive(
      frame('tip_sent', {
        tip: { id: 't1', senderUser: { id: 'u1', username: 'ann' }, tipValue: { amount: 500, currency: 'USD' } },
        timestamp: Date.now(),
      }).replace('chat:ls1', 'auction:ls1'),
    );
    expect(f.chat.live).toBe(true);
    expect(f.chat.viewers).toBe(321);
    expect(f.events.map((e) => e.event.type)).toEqual(['viewers', 'stream', 'tip']);
    expect(f.events[2]).toMatchObject({ accountId: 'acc_1', platform: 'whatnot', event: { amount: 5, currency: 'USD', username: 'ann' } });
    expect(f.statusChanges()).toBeGreaterThan(0);
    // The page's own figures win when it shows them.
    f.chat.handlePage({ doc: 'd1', rows: [], state: { live: true, loggedInAs: null, viewers: 40 } }, { probe: async () => null } as never);
    expect(f.chat.viewers).toBe(40);
    ws.receive(frame('livestream_update', { status: 'ENDED' }));
    expect(f.chat.live).toBe(true);
  });

  it('a reconnected socket replaying old frames triggers nothing', () => {
    const f = setup();
    const first = f.socket();
    const tip = frame('tip_sent', {
      tip: { id: 't1', senderUser: { id: 'u1', username: 'ann' }, tipValue: { amount: 100, currency: 'USD' } },
      timestamp: Date.now(),
    }).replace('chat:ls1', 'auction:ls1');
    first.receive(newMsg('m1', 'ann', 'hello'));
    first.receive(tip);
    const second = f.socket();
    second.receive(newMsg('m1', 'ann', 'hello'));
    second.receive(tip);
    second.receive(newMsg('m0', 'cat', 'long ago', Date.now() - 60_000));
    expect(f.lines.map((l) => [l.rowKey, l.history])).toEqual([
      ['id:m1', false],
      ['id:m0', true],
    ]);
    expect(f.events.filter((e) => e.event.type === 'tip')).toHaveLength(1);
  });

  it('reads bodies of matching responses, refusing one that announces more than 2 MB unread and skipping failed reads', async () => {
    const polls: WireDecoder = { ...wireDecoder('youtube')!, responseUrl: /\/get_live_chat/ };
    const f = setup(polls);
    const body = JSON.stringify({
      continuationContents: {
        liveChatContinuation: {
          actions: [
            {
              addChatItemAction: {
                item: {
                  liveChatTextMessageRenderer: {
                    id: 'y1',
                    authorName: { simpleText: 'ann' },
                    message: { runs: [{ text: 'hi from the poll' }] },
                    timestampUsec: String(Date.now() * 1000),
                  },
                },
              },
            },
          ],
        },
      },
    });
    let reads = 0;
    const response = (url: string, text: () => Promise<string>, headers: Record<string, string> = {}) => ({
      url: () => url,
      ok: () => true,
      headers: () => headers,
      text: () => (reads++, text()),
    });
    f.page.emit(
      'response',
      response('https://www.youtube.com/youtubei/v1/live_chat/get_live_chat?k=1', async () => body),
    );
    f.page.emit(
      'response',
      response('https://www.youtube.com/youtubei/v1/player', async () => body),
    );
    f.page.emit(
      'response',
      response('https://x/get_live_chat', async () => body, { 'content-length': String(3 * 1024 * 1024) }),
    );
    f.page.emit(
      'response',
      response('https://x/get_live_chat', () => Promise.reject(new Error('Target closed'))),
    );
    await expect.poll(() => f.lines.length).toBe(1);
    expect(f.lines[0]).toMatchObject({ rowKey: 'id:y1', text: 'hi from the poll' });
    expect(reads).toBe(2);
    await expect.poll(() => f.status().paths.wire.malformed).toBe(1);
  });

  it('stops reading once detached', () => {
    const f = setup();
    const ws = f.socket();
    f.feed.detach();
    ws.receive(newMsg('m1', 'ann', 'after close'));
    expect(f.lines).toEqual([]);
  });
});

describe('history on the data stream', () => {
  it('is what was said before the seller connected: a socket seen late by a busy app, or a reconnect replaying lines never seen, still delivers live lines', () => {
    const { chat, lines, socket } = setup();
    const connectedAt = Date.now() - 60_000;
    chat.historyBefore = connectedAt;
    const ws = socket();
    // Replayed on join, from before the connect: history. Said after it but before this socket opened (the app
    // saw the socket late, or these were missed while it was down): live lines.
    ws.receive(newMsg('old1', 'ann', 'said before we connected', connectedAt - 10_000));
    ws.receive(newMsg('m1', 'bob', 'enter', connectedAt + 5_000));
    ws.receive(newMsg('m2', 'cat', 'enter', Date.now() - 20_000));
    expect(lines.map((l) => [l.username, l.history])).toEqual([
      ['ann', true],
      ['bob', false],
      ['cat', false],
    ]);
    // The same lines replayed by the next socket are the same lines: not delivered again.
    const again = socket();
    again.receive(newMsg('m1', 'bob', 'enter', connectedAt + 5_000));
    again.receive(newMsg('m2', 'cat', 'enter', Date.now() - 20_000));
    expect(lines).toHaveLength(3);
  });
});
