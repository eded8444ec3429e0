import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../src/main/domains/chat/wire/types.js';
import { wireDecoder } from '../../../src/main/domains/chat/platforms/decoders.js';

type Decode = (payload: string) => DecodeResult;
const MiB = 1024 * 1024;

function decodeOf(platform: string): Decode {
  const d = wireDecoder(platform);
  const fn = d?.decodeFrame ?? d?.decodeResponse;
  if (!fn) throw new Error(`no decoder for ${platform}`);
  return fn;
}

/** Per platform: a well-formed input of an event the decoder does not read, and inputs with wrong types. */
const cases: Record<string, { unknown: string[]; wrongTypes: string[]; huge: string; truncated: string }> = {
  whatnot: {
    unknown: ['["1",null,"chat:x","some_future_event",{}]', '[null,"9","phoenix","phx_reply",{"status":"ok","response":{}}]'],
    wrongTypes: [
      '[null,null,"chat:x","new_msg",{"id":"a","user":5,"message":"hi"}]',
      '[null,null,"chat:x","new_msg",{"id":"a","user":{"username":"b"},"message":{}}]',
      '[null,null,"chat:x","new_msg","not an object"]',
      '[null,null,"chat:x","livestream_view_count_updated",{"viewCount":"lots"}]',
      '[null,null,"commerce:x","new_bid",{"product":[]}]',
      '[null,null,"auction:x","tip_sent",{"tip":{"senderUser":7}}]',
      '[null,null,5,"new_msg",{}]',
      '{"topic":"chat:x","event":"new_msg","payload":{},"ref":null}',
      'null',
      '5',
      '{}',
    ],
    huge: JSON.stringify([null, null, 'chat:x', 'new_msg', { id: 'a', user: { username: 'b' }, message: 'a'.repeat(MiB) }]),
    truncated: '["1",null,"chat:x","new_msg",{"id":"a","user":{"username":"b"',
  },
  twitch: {
    unknown: ['PING :tmi.twitch.tv', '@room-id=1 :tmi.twitch.tv CLEARCHAT #dallas', '@msg-id=ritual;login=a :tmi.twitch.tv USERNOTICE #dallas'],
    wrongTypes: [
      '@id=1 :a!a@a.tmi.twitch.tv PRIVMSG',
      '@id=1 :tmi.twitch.tv PRIVMSG #c :no sender',
      '@id=1;display-name=a PRIVMSG c :no hash',
      '@only-tags-no-command',
    ],
    huge: `@id=1;display-name=a :a!a@a.tmi.twitch.tv PRIVMSG #c :${'a'.repeat(MiB)}`,
    truncated: '["1",null,"chat:x","new_msg",{"id":"a"',
  },
  kick: {
    unknown: ['{"event":"App\\\\Events\\\\FutureEvent","data":"{}"}', '{"event":"pusher:pong","data":{}}'],
    wrongTypes: [
      '{"event":"App\\\\Events\\\\ChatMessageEvent","data":"{\\"content\\":\\"hi\\",\\"sender\\":5}"}',
      '{"event":"App\\\\Events\\\\ChatMessageEvent","data":"{\\"content\\":{},\\"sender\\":{\\"username\\":\\"u\\"}}"}',
      '{"event":"App\\\\Events\\\\ChatMessageEvent","data":"{not json"}',
      '{"event":"App\\\\Events\\\\ChatMessageEvent","data":5}',
      '{"event":"App\\\\Events\\\\StreamHostEvent","data":"{\\"number_viewers\\":3}"}',
      '{"event":5,"data":"{}"}',
      '[]',
      'null',
    ],
    huge: JSON.stringify({ event: 'App\\Events\\ChatMessageEvent', data: JSON.stringify({ content: 'a'.repeat(MiB), sender: { username: 'u' } }) }),
    truncated: '{"event":"App\\\\Events\\\\ChatMessageEvent","data":"{\\"id\\":\\"x',
  },
  youtube: {
    unknown: ['{"responseContext":{},"contents":{"liveChatRenderer":{}}}', '{"continuationContents":{"somethingElse":{}}}'],
    wrongTypes: [
      '{"continuationContents":{"liveChatContinuation":{"actions":[{"addChatItemAction":{"item":{"liveChatTextMessageRenderer":{"authorName":5,"message":{"runs":[{"text":"hi"}]}}}}}]}}}',
      '{"continuationContents":{"liveChatContinuation":{"actions":[{"addChatItemAction":{"item":{"liveChatTextMessageRenderer":{"authorName":{"simpleText":"a"},"message":{}}}}}]}}}',
      '{"continuationContents":{"liveChatContinuation":{"actions":"nope"}}}',
      '[]',
      'null',
    ],
    huge: JSON.stringify({ continuationContents: { liveChatContinuation: { actions: [] } }, pad: 'a'.repeat(MiB) }),
    truncated: '{"continuationContents":{"liveChatContinuation":{"actions":[{"addChatItemAction":',
  },
};

const junk = ['\u0000\u0001\u0002\ufffd\u0007\u00ff\u0010garbage', '\u001f\u008b\u0008\u0000\u0000\u0000\u0000\u0000'];

describe.each(['whatnot', 'practice', 'twitch', 'kick', 'youtube'])('%s decoder on bad input', (platform) => {
  const decode = decodeOf(platform);
  const c = cases[platform === 'practice' ? 'whatnot' : platform]!;
  // Never throws: each call goes through this, which fails the test on any exception.
  const run = (payload: string) => {
    let result: DecodeResult | undefined;
    expect(() => {
      result = decode(payload);
    }).not.toThrow();
    return result!;
  };

  it('empty string is malformed', () => {
    expect(run('')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('truncated JSON is malformed', () => {
    expect(run(c.truncated)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('binary-looking junk is malformed', () => {
    for (const j of junk) expect(run(j)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('a 1 MiB payload is malformed (refused by size, not parsed)', () => {
    expect(c.huge.length).toBeGreaterThan(MiB);
    expect(run(c.huge)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('wrong types are malformed', () => {
    for (const w of c.wrongTypes) expect(run(w), w).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('well-formed events it does not read are unknown', () => {
    for (const u of c.unknown) expect(run(u), u).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('deep nesting and non-text input do not throw', () => {
    expect(run('['.repeat(100_000))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(run(undefined as unknown as string)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(run(42 as unknown as string)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});
