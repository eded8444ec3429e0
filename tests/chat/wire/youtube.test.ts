import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePurchaseAmount } from '../../../src/main/domains/chat/platforms/youtube/amount.js';
import { decodeYouTubeResponse, youtubeDecoder } from '../../../src/main/domains/chat/platforms/youtube/decoder.js';

const decode = (name: string) => decodeYouTubeResponse(readFileSync(new URL(`../../fixtures/wire/youtube/${name}`, import.meta.url), 'utf8'));
const AUTHOR = { userId: 'channelId', username: 'authorName' };
const AT = 1609459200000;

describe('YouTube decoder: recorded get_live_chat responses', () => {
  it('a text message', () => {
    expect(decode('get_live_chat.normal.json')).toEqual({
      ok: true,
      events: [{ type: 'message', id: 'id', ...AUTHOR, text: 'Hello, World!', at: AT }],
    });
  });

  it('standard emoji come out as the character, skin tone included; channel emoji as their shortcut', () => {
    expect(decode('get_live_chat.global-emoji1.json')).toMatchObject({ ok: true, events: [{ type: 'message', text: '👏' }] });
    expect(decode('get_live_chat.global-emoji2.json')).toMatchObject({ ok: true, events: [{ type: 'message', text: '👏🏿' }] });
    expect(decode('get_live_chat.custom-emoji.json')).toMatchObject({ ok: true, events: [{ type: 'message', text: ':customEmoji:' }] });
  });

  it('a Super Chat is a tip with amount and currency parsed from its display text', () => {
    expect(decode('get_live_chat.super-chat.json')).toEqual({
      ok: true,
      events: [{ type: 'tip', id: 'id', ...AUTHOR, amount: 1000, currency: 'JPY', text: 'Hello, World!', at: AT }],
    });
  });

  it('a Super Sticker is a tip whose text is the sticker name', () => {
    expect(decode('get_live_chat.super-sticker.json')).toEqual({
      ok: true,
      events: [{ type: 'tip', id: 'id', ...AUTHOR, amount: 90, currency: 'JPY', text: 'superSticker', at: AT, variant: 'sticker' }],
    });
  });

  it('a new member is a join; gifted memberships a tip with their count', () => {
    expect(decode('get_live_chat.subscribe-member.json')).toEqual({ ok: true, events: [{ type: 'join', ...AUTHOR, at: AT }] });
    expect(decode('get_live_chat.membership-gift.json')).toEqual({
      ok: true,
      events: [
        {
          type: 'tip',
          id: 'id',
          ...AUTHOR,
          amount: null,
          currency: null,
          text: '10 件の 上級エンジニア のメンバーシップ ギフトを贈りました',
          at: AT,
          variant: 'membership_gift',
          quantity: 10,
        },
      ],
    });
  });

  it('a poll with nothing new is a recognised empty response', () => {
    expect(decode('get_live_chat.no-chat.json')).toEqual({ ok: true, events: [] });
  });

  it('replay wrappers are unwrapped', () => {
    expect(decode('get_live_chat_replay.wrapped.json')).toEqual({
      ok: true,
      events: [
        {
          type: 'message',
          id: 'ChwKGkNKVDVfSkszdm9JREZZWEN3Z1FkLURnTTFn',
          userId: 'UC0uwIzo1-UhB32gwPcnoGBw',
          username: 'ばぼー',
          text: '実権だよ実権',
          at: 1699791060827,
        },
      ],
    });
  });

  it('other YouTube JSON (no liveChatContinuation) is unknown', () => {
    expect(decodeYouTubeResponse('{"responseContext":{},"contents":{}}')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('reads live polls, not replay polls or other endpoints', () => {
    const url = youtubeDecoder.responseUrl!;
    expect(url.test('https://www.youtube.com/youtubei/v1/live_chat/get_live_chat?key=x&prettyPrint=false')).toBe(true);
    expect(url.test('https://www.youtube.com/youtubei/v1/live_chat/get_live_chat_replay?key=x')).toBe(false);
    expect(url.test('https://www.youtube.com/youtubei/v1/next?key=x')).toBe(false);
  });
});

describe('Super Chat amounts', () => {
  it.each([
    ['￥1,000', 1000, 'JPY'],
    ['¥90', 90, 'JPY'],
    ['$5.00', 5, 'USD'],
    ['CA$10.00', 10, 'CAD'],
    ['£1.79', 1.79, 'GBP'],
    ['₹1,500.00', 1500, 'INR'],
    ['PHP 100.00', 100, 'PHP'],
    ['2,50 €', 2.5, 'EUR'],
    ['1.234,56 €', 1234.56, 'EUR'],
  ])('%s', (text, amount, currency) => {
    expect(parsePurchaseAmount(text)).toEqual({ amount, currency });
  });

  it('unreadable text gives nulls', () => {
    expect(parsePurchaseAmount('free')).toEqual({ amount: null, currency: null });
    expect(parsePurchaseAmount(null)).toEqual({ amount: null, currency: null });
    expect(parsePurchaseAmount('?? 12')).toEqual({ amount: 12, currency: null });
  });
});
