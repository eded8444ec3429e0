import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeTwitchFrame, twitchDecoder } from '../../../src/main/domains/chat/platforms/twitch/decoder.js';
import { unescapeTagValue } from '../../../src/main/domains/chat/platforms/twitch/irc.js';

const frame = (name: string) => readFileSync(new URL(`../../fixtures/wire/twitch/${name}`, import.meta.url), 'utf8');
const decode = (name: string) => decodeTwitchFrame(frame(name));

const HEYGUYS = {
  type: 'message',
  id: 'eb24e920-8065-492a-8aea-266a00fc5126',
  userId: '713936733',
  username: 'abc',
  text: 'HeyGuys',
  at: 1642786203573,
};
const KAPPA = {
  type: 'message',
  id: 'b34ccfc7-4977-403a-8a94-33c6bac34fb8',
  userId: '1337',
  username: 'ronni',
  text: 'Kappa Keepo Kappa',
  at: 1507246572675,
};

describe('Twitch decoder: documented IRC examples', () => {
  it('PRIVMSG: display name, ids, server time, text as sent (emotes stay words)', () => {
    expect(decode('privmsg.txt')).toEqual({ ok: true, events: [HEYGUYS] });
    expect(decode('privmsg-emotes.txt')).toEqual({ ok: true, events: [KAPPA] });
  });

  it('a cheer is a tip in bits', () => {
    expect(decode('privmsg-bits.txt')).toEqual({
      ok: true,
      events: [
        {
          type: 'tip',
          id: 'b34ccfc7-4977-403a-8a94-33c6bac34fb8',
          userId: '1337',
          username: 'ronni',
          amount: 100,
          currency: 'bits',
          text: 'cheer100',
          at: 1507246572675,
        },
      ],
    });
  });

  it('/me loses its ACTION wrapper; an empty display-name falls back to the login', () => {
    expect(decode('privmsg-action-no-display-name.txt')).toEqual({
      ok: true,
      events: [
        {
          type: 'message',
          id: 'eb24e920-8065-492a-8aea-266a00fc5127',
          userId: '713936734',
          username: 'abc',
          text: 'waves HeyGuys',
          at: 1642786203574,
          variant: 'action',
        },
      ],
    });
  });

  it('USERNOTICE raid: raider, raided channel and party size', () => {
    expect(decode('usernotice-raid.txt')).toEqual({
      ok: true,
      events: [{ type: 'raid', fromUsername: 'TestChannel', toUsername: 'othertestchannel', viewers: 15, at: 1507246572675, direction: 'incoming' }],
    });
  });

  it('USERNOTICE resub keeps the viewer words; a gifted sub shows the system line, unescaped', () => {
    expect(decode('usernotice-resub.txt')).toEqual({
      ok: true,
      events: [
        {
          type: 'tip',
          id: 'db25007f-7a18-43eb-9379-80131e44d633',
          userId: '87654321',
          username: 'ronni',
          amount: null,
          currency: null,
          text: 'Great stream -- keep it up!',
          at: 1507246572675,
          variant: 'resub',
        },
      ],
    });
    expect(decode('usernotice-subgift.txt')).toEqual({
      ok: true,
      events: [
        {
          type: 'tip',
          id: 'e9176cd8-5e22-4684-ad40-ce53c2561c5e',
          userId: '87654321',
          username: 'TWW2',
          amount: null,
          currency: null,
          text: 'TWW2 gifted a Tier 1 sub to Mr_Woodchuck!',
          at: 1521159445153,
          variant: 'subgift',
          quantity: 1,
        },
      ],
    });
  });

  it('one frame, several lines: a JOIN and two messages, in order', () => {
    expect(decode('multi-line.txt')).toEqual({
      ok: true,
      events: [{ type: 'join', userId: null, username: 'ronni', at: null }, KAPPA, HEYGUYS],
    });
  });

  it('PING and ROOMSTATE are unknown, not malformed', () => {
    expect(decode('ping.txt')).toMatchObject({ ok: false, reason: 'unknown' });
    expect(decode('roomstate.txt')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('a JOIN from the server (no user) is not a join', () => {
    expect(decodeTwitchFrame(':tmi.twitch.tv JOIN #dallas')).toMatchObject({ ok: false, reason: 'unknown' });
  });
});

describe('IRCv3 tag values', () => {
  it('unescapes \\s \\: \\\\ \\r \\n, keeps other escaped chars and drops a trailing backslash', () => {
    expect(unescapeTagValue('15\\sraiders\\sfrom\\sTestChannel\\shave\\sjoined\\n!')).toBe('15 raiders from TestChannel have joined\n!');
    expect(unescapeTagValue('a\\:b\\\\c\\rd')).toBe('a;b\\c\rd');
    expect(unescapeTagValue('x\\y\\')).toBe('xy');
  });

  it('an escaped display name reaches the event unescaped', () => {
    const line = '@display-name=Some\\sOne;id=1;user-id=2;tmi-sent-ts=1507246572675 :someone!someone@someone.tmi.twitch.tv PRIVMSG #c :hi : there';
    expect(decodeTwitchFrame(line)).toEqual({
      ok: true,
      events: [{ type: 'message', id: '1', userId: '2', username: 'Some One', text: 'hi : there', at: 1507246572675 }],
    });
  });
});

describe('Twitch decoder: which sockets it reads', () => {
  it('matches the IRC WebSocket endpoints', () => {
    const url = twitchDecoder.socketUrl!;
    expect(url.test('wss://irc-ws.chat.twitch.tv/')).toBe(true);
    expect(url.test('wss://irc-ws.chat.twitch.tv:443')).toBe(true);
    expect(url.test('wss://irc-ws.chat.twitch.tv.evil.example/')).toBe(false);
    expect(url.test('wss://pubsub-edge.twitch.tv/v1')).toBe(false);
  });
});
