import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWhatnotFrame, whatnotDecoder } from '../../../src/main/domains/chat/platforms/whatnot/decoder.js';
import { wireDecoder } from '../../../src/main/domains/chat/platforms/decoders.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/wire/whatnot/${name}`, import.meta.url), 'utf8'));
const capture: string[] = fixture('auction-socket.capture.json').frames;
const live: Record<string, unknown> = fixture('live-socket.reconstructed.json').frames;
const frame = (key: string) => decodeWhatnotFrame(JSON.stringify(live[key]));

const LOT = 'e51073c3-33e8-4246-a7bf-ac067b6e81fe';

describe('Whatnot decoder: real auction-socket capture', () => {
  it('reads heartbeats and join replies as unknown, not malformed', () => {
    expect(decodeWhatnotFrame(capture[0]!)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(decodeWhatnotFrame(capture[4]!)).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('user_joined is this viewer joining (pinned product only): no join event', () => {
    expect(decodeWhatnotFrame(capture[1]!)).toEqual({ ok: true, events: [] });
  });

  it('auction_started: the new lot at its opening price', () => {
    expect(decodeWhatnotFrame(capture[2]!)).toEqual({
      ok: true,
      events: [
        {
          type: 'product',
          action: 'updated',
          productId: LOT,
          title: '1. ITEM ON SCREEN. Listen to sizes #23',
          price: 1,
          currency: 'GBP',
          buyer: null,
          at: 1790959752999,
        },
      ],
    });
  });

  it('product_updated for the parent listing keeps its own id', () => {
    const r = decodeWhatnotFrame(capture[3]!);
    expect(r).toEqual({
      ok: true,
      events: [
        {
          type: 'product',
          action: 'updated',
          productId: '9bab748b-883e-46d9-a5ce-df05234c9f84',
          title: '1. ITEM ON SCREEN. Listen to sizes',
          price: 1,
          currency: 'GBP',
          buyer: null,
          at: null,
        },
      ],
    });
  });

  it('new_bid: the top bid in pounds and who holds it', () => {
    expect(decodeWhatnotFrame(capture[5]!)).toEqual({
      ok: true,
      events: [
        {
          type: 'product',
          action: 'updated',
          productId: LOT,
          title: '1. ITEM ON SCREEN. Listen to sizes #23',
          price: 1,
          currency: 'GBP',
          buyer: null,
          at: 1790959754341,
          bidder: 'bidder5',
        },
      ],
    });
  });

  it('auction_ended with status SOLD is a sale at the winning bid (buyer removed from the sanitised capture)', () => {
    expect(decodeWhatnotFrame(capture[6]!)).toEqual({
      ok: true,
      events: [
        {
          type: 'product',
          action: 'sold',
          productId: LOT,
          title: '1. ITEM ON SCREEN. Listen to sizes #23',
          price: 30,
          currency: 'GBP',
          buyer: null,
          at: null,
        },
      ],
    });
  });

  it('payment_succeeded after the sale is not a second sale', () => {
    expect(decodeWhatnotFrame(capture[7]!)).toMatchObject({ ok: false, reason: 'unknown' });
  });
});

describe('Whatnot decoder: live-socket frames (reconstructed from field names)', () => {
  it('new_msg: name, text, ids, time', () => {
    expect(frame('new_msg')).toEqual({
      ok: true,
      events: [
        {
          type: 'message',
          id: '5e1d6f0a-0b7e-4f55-9d1c-2a8f3c7b9e01',
          userId: '8812345',
          username: 'viewer_one',
          text: 'what size is the jacket?',
          at: 1790959760123,
        },
      ],
    });
  });

  it('an announcement keeps its kind', () => {
    expect(frame('announcement')).toEqual({
      ok: true,
      events: [
        {
          type: 'message',
          id: '5e1d6f0a-0b7e-4f55-9d1c-2a8f3c7b9e02',
          userId: '100200',
          username: 'host_shop',
          text: 'Giveaway at 100 viewers!',
          at: 1790959761000,
          variant: 'announcement',
        },
      ],
    });
  });

  it('a "joined 👋" line and a presence join are joins, not chat', () => {
    // The "joined" line is a new_msg with its own id; a presence join has none.
    expect(frame('joined')).toEqual({
      ok: true,
      events: [{ type: 'join', id: '5e1d6f0a-0b7e-4f55-9d1c-2a8f3c7b9e03', userId: '8812399', username: 'newcomer_7', at: 1790959762000 }],
    });
    expect(frame('presence_diff')).toEqual({ ok: true, events: [{ type: 'join', userId: '8812400', username: 'first_timer', at: 1790959762500 }] });
  });

  it('tip_sent: cents to dollars; the chat-topic copy of the same tip adds nothing', () => {
    expect(frame('tip_sent')).toEqual({
      ok: true,
      events: [{ type: 'tip', id: null, userId: '8812345', username: 'viewer_one', amount: 5, currency: 'USD', text: 'love the show', at: null }],
    });
    expect(frame('tip_sent_chat_copy')).toEqual({ ok: true, events: [] });
  });

  it('raids: incoming, and the two steps of an outgoing one', () => {
    expect(frame('has_been_raided')).toEqual({
      ok: true,
      events: [{ type: 'raid', fromUsername: 'other_shop', toUsername: null, viewers: 42, at: null, direction: 'incoming' }],
    });
    expect(frame('raid_selected')).toEqual({
      ok: true,
      events: [
        { type: 'raid', fromUsername: 'host_shop', toUsername: 'friend_shop', viewers: 57, at: null, direction: 'outgoing', stage: 'selected' },
      ],
    });
    expect(frame('raid_started')).toEqual({
      ok: true,
      events: [{ type: 'raid', fromUsername: 'host_shop', toUsername: null, viewers: 61, at: null, direction: 'outgoing', stage: 'started' }],
    });
  });

  it('viewer counts and the show state', () => {
    expect(frame('view_count')).toEqual({ ok: true, events: [{ type: 'viewers', count: 128, at: null }] });
    expect(frame('livestream_update')).toEqual({
      ok: true,
      events: [
        { type: 'viewers', count: 131, at: null },
        { type: 'stream', status: 'PLAYING', title: 'Friday night vintage', at: null },
      ],
    });
  });

  it('giveaway start, entries and winner', () => {
    const id = '77aa11bb-22cc-33dd-44ee-55ff66007788';
    expect(frame('giveaway_started')).toEqual({
      ok: true,
      events: [{ type: 'giveaway', phase: 'started', giveawayId: id, title: 'Mystery pack giveaway', entryCount: 0, winner: null, at: null }],
    });
    expect(frame('giveaway_entry_count_updated')).toEqual({
      ok: true,
      events: [{ type: 'giveaway', phase: 'entries', giveawayId: id, title: null, entryCount: 37, winner: null, at: null }],
    });
    expect(frame('giveaway_won')).toEqual({
      ok: true,
      events: [{ type: 'giveaway', phase: 'won', giveawayId: id, title: 'Mystery pack giveaway', entryCount: 52, winner: 'first_timer', at: null }],
    });
  });

  it('products: created at its asking price, deleted by id, sold to its purchaser', () => {
    const id = 'c0ffee00-1111-2222-3333-444455556666';
    expect(frame('product_created')).toEqual({
      ok: true,
      events: [{ type: 'product', action: 'created', productId: id, title: "Levi's 501 W32", price: 45, currency: 'USD', buyer: null, at: null }],
    });
    expect(frame('product_deleted')).toEqual({
      ok: true,
      events: [{ type: 'product', action: 'deleted', productId: id, title: null, price: null, currency: null, buyer: null, at: null }],
    });
    expect(frame('product_sold')).toEqual({
      ok: true,
      events: [
        { type: 'product', action: 'sold', productId: id, title: "Levi's 501 W32", price: 45, currency: 'USD', buyer: 'viewer_one', at: null },
      ],
    });
  });

  it('a channel join reply is unknown', () => {
    expect(frame('phx_reply_join')).toMatchObject({ ok: false, reason: 'unknown' });
  });
});

describe('Whatnot decoder: which sockets it reads', () => {
  it('matches the live and auction sockets and the local practice socket only', () => {
    const url = whatnotDecoder.socketUrl!;
    expect(url.test('wss://www.whatnot.com/services/live/socket/websocket?_csrf_token=x&vsn=2.0.0')).toBe(true);
    expect(url.test('wss://www.whatnot.com/services/auction/socket/websocket?_csrf_token=REDACTED&vsn=2.0.0')).toBe(true);
    expect(url.test('ws://127.0.0.1:4321/practice/socket/websocket?vsn=2.0.0')).toBe(true);
    // The practice page opened on another loopback name has its wire path too.
    expect(url.test('ws://localhost:4321/practice/socket/websocket?vsn=2.0.0')).toBe(true);
    expect(url.test('ws://[::1]:4321/practice/socket/websocket?vsn=2.0.0')).toBe(true);
    expect(url.test('ws://localhost.evil.example/practice/socket')).toBe(false);
    expect(url.test('wss://evil.example/services/live/socket/websocket')).toBe(false);
    expect(url.test('wss://www.whatnot.com.evil.example/services/live/socket/websocket')).toBe(false);
    expect(url.test('ws://10.0.0.5/practice/socket')).toBe(false);
  });

  it('the practice platform reuses the Whatnot decoder', () => {
    const practice = wireDecoder('practice');
    expect(practice?.platform).toBe('practice');
    expect(practice?.decodeFrame).toBe(decodeWhatnotFrame);
    expect(wireDecoder('ebay')).toBeNull();
  });
});
