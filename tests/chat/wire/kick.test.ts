import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeKickFrame, emoteNamesAsText, kickDecoder } from '../../../src/main/domains/chat/platforms/kick/decoder.js';

const frames: Record<string, string> = JSON.parse(readFileSync(new URL('../../fixtures/wire/kick/frames.json', import.meta.url), 'utf8')).frames;
const decode = (key: string) => decodeKickFrame(frames[key]!);

describe('Kick decoder: chat', () => {
  it('ChatMessageEvent (real frame): id, sender, text, time', () => {
    expect(decode('chat_message')).toEqual({
      ok: true,
      events: [
        {
          type: 'message',
          id: 'b2af4980-9dfa-4822-960d-0e64704e2ced',
          userId: '1247649',
          username: 'tayloredbydrew',
          text: 'more in premiere',
          at: 1703455500000,
        },
      ],
    });
  });

  it('emote tokens read as the emote names a viewer sees', () => {
    expect(decode('chat_message_emote')).toMatchObject({ ok: true, events: [{ text: 'KEKW more in premiere PeepoClap' }] });
    expect(emoteNamesAsText('[emote:1:A][emote:2:B]')).toBe('AB');
    expect(emoteNamesAsText('not [emote:x:KEKW] an id')).toBe('not [emote:x:KEKW] an id');
  });

  it('replies and sub celebrations are chat lines with their kind', () => {
    expect(decode('chat_reply')).toEqual({
      ok: true,
      events: [
        {
          type: 'message',
          id: 'c196a907-44ca-4e27-80dd-da5036d7ffea',
          userId: '63189506',
          username: 'Usernamezon',
          text: 'hahahahaha',
          at: 1757869176000,
          variant: 'reply',
        },
      ],
    });
    expect(decode('chat_celebration')).toEqual({
      ok: true,
      events: [
        {
          type: 'message',
          id: '971f5e15-3d1a-4603-b730-46dcffb5fdf1',
          userId: '4932883',
          username: 'Yaaaooo',
          text: '🎉',
          at: 1757876046000,
          variant: 'celebration',
        },
      ],
    });
  });
});

describe('Kick decoder: subs, hosts and stream state', () => {
  it('a subscription and gifted subscriptions are tips without an amount', () => {
    expect(decode('subscription')).toEqual({
      ok: true,
      events: [{ type: 'tip', id: null, userId: null, username: 'JonElsdon23', amount: null, currency: null, text: null, at: null, variant: 'sub' }],
    });
    expect(decode('gifted_subscriptions')).toEqual({
      ok: true,
      events: [
        {
          type: 'tip',
          id: null,
          userId: null,
          username: 'adrighh',
          amount: null,
          currency: null,
          text: null,
          at: null,
          variant: 'subgift',
          quantity: 1,
        },
      ],
    });
  });

  it('being hosted is an incoming raid; its StreamHostedEvent twin adds nothing', () => {
    expect(decode('stream_host')).toEqual({
      ok: true,
      events: [{ type: 'raid', fromUsername: 'BortnykChess', toUsername: null, viewers: 216, at: null, direction: 'incoming' }],
    });
    expect(decode('stream_hosted_twin')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('hosting another channel is an outgoing raid', () => {
    expect(decode('chat_move')).toEqual({
      ok: true,
      events: [{ type: 'raid', fromUsername: '4head', toUsername: 'dripp', viewers: 1371, at: null, direction: 'outgoing' }],
    });
  });

  it('live and offline', () => {
    expect(decode('streamer_is_live')).toEqual({
      ok: true,
      events: [
        {
          type: 'stream',
          status: 'live',
          title: '+18 #ad🌟LIVE🌟CLICK🌟DRAMA🌟NEWS🌟VIDEOS🌟GAMES🌟VIDEOGAMES🌟STUFF🌟WOW🌟FUN🌟LOCK IN🌟',
          at: 1757891900000,
        },
      ],
    });
    expect(decode('stop_stream')).toEqual({ ok: true, events: [{ type: 'stream', status: 'ended', title: null, at: null }] });
  });

  it('bans and Pusher protocol frames are unknown, not malformed', () => {
    for (const key of ['user_banned', 'connection_established', 'subscription_succeeded']) {
      expect(decode(key)).toMatchObject({ ok: false, reason: 'unknown' });
    }
  });

  it('reads Pusher sockets only', () => {
    const url = kickDecoder.socketUrl!;
    expect(url.test('wss://ws-us2.pusher.com/app/32cbd69e4b950bf97679?protocol=7&client=js&version=8.4.0&flash=false')).toBe(true);
    expect(url.test('wss://ws-us2.pusher.com.evil.example/app/x')).toBe(false);
    expect(url.test('wss://kick.com/app/x')).toBe(false);
  });
});
