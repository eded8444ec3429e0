/**
 * Twitch chat as the web client receives it: IRC over WebSocket (wss://irc-ws.chat.twitch.tv), one or
 * more `\r\n`-separated lines per frame, tags documented at https://dev.twitch.tv/docs/irc/tags/.
 */
import type { DecodeResult, WireDecoder, WireEvent } from '../../wire/types.js';
import { MAX_FRAME_CHARS, asCount, epochMs, malformed, ok, unknown } from '../wire-json.js';
import { parseIrcLine, type IrcLine } from './irc.js';

export const TWITCH_SOCKET_URL = /^wss?:\/\/irc-ws(?:-r)?\.chat\.twitch\.tv(?::\d+)?(?:[/?]|$)/;

/** Twitch caps a tagged line well under this; a longer one is not chat. */
const MAX_LINE_CHARS = 16 * 1024;
// eslint-disable-next-line no-control-regex -- CTCP ACTION (/me) is framed by \x01 bytes on the wire.
const ACTION = /^\u0001ACTION (.*?)\u0001?$/su;
const SUB_NOTICES = new Set(['sub', 'resub', 'subgift', 'submysterygift', 'giftpaidupgrade', 'primepaidupgrade', 'anongiftpaidupgrade']);

type LineResult = { events: WireEvent[] } | { reason: 'unknown' | 'malformed'; detail: string };

function tag(line: IrcLine, key: string): string | null {
  const v = line.tags.get(key);
  return v === undefined || v === '' ? null : v;
}

/** The name a viewer sees: `display-name`, or the login when a user never set one. */
function author(line: IrcLine, loginTag?: string): string | null {
  return tag(line, 'display-name') ?? (loginTag ? tag(line, loginTag) : null) ?? (line.fromUser ? line.nick : null);
}

function privmsg(line: IrcLine): LineResult {
  const raw = line.params[1];
  const username = author(line);
  if (raw === undefined || !line.params[0]?.startsWith('#')) return { reason: 'malformed', detail: 'PRIVMSG without channel or text' };
  if (!username) return { reason: 'malformed', detail: 'PRIVMSG without a sender' };
  const action = ACTION.exec(raw);
  const text = action ? action[1]! : raw;
  const common = { id: tag(line, 'id'), userId: tag(line, 'user-id'), username, at: epochMs(tag(line, 'tmi-sent-ts')) };
  const bits = asCount(tag(line, 'bits'));
  if (bits !== null && bits > 0) return { events: [{ type: 'tip', ...common, amount: bits, currency: 'bits', text }] };
  return { events: [{ type: 'message', ...common, text, ...(action ? { variant: 'action' } : {}) }] };
}

function usernotice(line: IrcLine): LineResult {
  const kind = tag(line, 'msg-id');
  const at = epochMs(tag(line, 'tmi-sent-ts'));
  if (kind === 'raid') {
    const channel = line.params[0]?.startsWith('#') ? line.params[0].slice(1) : null;
    return {
      events: [
        {
          type: 'raid',
          fromUsername: tag(line, 'msg-param-displayName') ?? tag(line, 'msg-param-login') ?? author(line, 'login'),
          toUsername: channel,
          viewers: asCount(tag(line, 'msg-param-viewerCount')),
          at,
          direction: 'incoming',
        },
      ],
    };
  }
  if (!kind || !SUB_NOTICES.has(kind)) return { reason: 'unknown', detail: `USERNOTICE ${kind ?? 'without msg-id'}` };
  const username = author(line, 'login');
  if (!username) return { reason: 'malformed', detail: 'USERNOTICE sub without a user' };
  const gifts = kind === 'subgift' ? 1 : kind === 'submysterygift' ? asCount(tag(line, 'msg-param-mass-gift-count')) : null;
  return {
    events: [
      {
        type: 'tip',
        id: tag(line, 'id'),
        userId: tag(line, 'user-id'),
        username,
        amount: null,
        currency: null,
        // The viewer's own words when they shared some (resub), else Twitch's system line.
        text: line.params[1] ?? tag(line, 'system-msg'),
        at,
        variant: kind,
        ...(gifts !== null ? { quantity: gifts } : {}),
      },
    ],
  };
}

function decodeLine(text: string): LineResult {
  if (text.length > MAX_LINE_CHARS) return { reason: 'malformed', detail: 'IRC line too long' };
  const line = parseIrcLine(text);
  if (!line) return { reason: 'malformed', detail: 'not an IRC line' };
  switch (line.command) {
    case 'PRIVMSG':
      return privmsg(line);
    case 'USERNOTICE':
      return usernotice(line);
    case 'JOIN':
      // Membership lines for other chatters; a JOIN without a `nick!user@host` prefix names nobody.
      if (!line.fromUser || !line.nick) return { reason: 'unknown', detail: 'JOIN without a user' };
      return { events: [{ type: 'join', userId: null, username: line.nick, at: null }] };
    default:
      return { reason: 'unknown', detail: `IRC ${line.command}` };
  }
}

/** One WebSocket frame (one or more IRC lines) to events. Pure; never throws. */
export function decodeTwitchFrame(payload: string): DecodeResult {
  if (typeof payload !== 'string' || payload.length === 0) return malformed('empty payload');
  if (payload.length > MAX_FRAME_CHARS) return malformed(`payload of ${payload.length} chars exceeds ${MAX_FRAME_CHARS}`);
  const events: WireEvent[] = [];
  let firstProblem: { reason: 'unknown' | 'malformed'; detail: string } | null = null;
  let malformedSeen = false;
  for (const text of payload.split(/\r?\n/)) {
    if (text.length === 0) continue;
    const result = decodeLine(text);
    if ('events' in result) events.push(...result.events);
    else {
      firstProblem ??= result;
      if (result.reason === 'malformed' && !malformedSeen) {
        malformedSeen = true;
        firstProblem = result;
      }
    }
  }
  if (events.length > 0) return ok(events);
  if (!firstProblem) return malformed('no IRC line in frame');
  return firstProblem.reason === 'malformed' ? malformed(firstProblem.detail) : unknown(firstProblem.detail);
}

export const twitchDecoder: WireDecoder = {
  platform: 'twitch',
  socketUrl: TWITCH_SOCKET_URL,
  decodeFrame: decodeTwitchFrame,
};
