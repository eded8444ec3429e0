/**
 * Kick chat over Pusher (wss://ws-<cluster>.pusher.com/app/<key>): frames
 * `{"event": "App\\Events\\…", "data": "<JSON string>", "channel": "chatrooms.<id>.v2" | "channel.<id>"}`.
 * Event names and fields from real frames quoted by public projects (tests/fixtures/wire/kick/SOURCE.md).
 */
import type { DecodeResult, WireDecoder } from '../../wire/types.js';
import { MAX_FRAME_CHARS, asCount, asId, asObject, asText, isoMs, malformed, ok, parseBounded, unknown, type JsonObject } from '../wire-json.js';

export const KICK_SOCKET_URL = /^wss:\/\/ws-[a-z0-9-]+\.pusher\.com\/app\/[A-Za-z0-9]+(?:[/?]|$)/;

/** `[emote:37226:KEKW]` shows as the emote named KEKW. */
const EMOTE = /\[emote:\d+:([^\]\s]{1,100})\]/g;
const EVENT_PREFIX = 'App\\Events\\';

export function emoteNamesAsText(content: string): string {
  return content.includes('[emote:') ? content.replace(EMOTE, '$1') : content;
}

function chatMessage(d: JsonObject): DecodeResult {
  const sender = asObject(d.sender);
  const username = sender ? asText(sender.username) : null;
  if (!sender || !username) return malformed('ChatMessageEvent sender has no username');
  if (typeof d.content !== 'string') return malformed('ChatMessageEvent content is not text');
  // `type` is "message" for plain lines; "reply" and "celebration" (sub anniversaries) are variants.
  const variant = d.type !== 'message' ? asText(d.type) : null;
  return ok([
    {
      type: 'message',
      id: asId(d.id),
      userId: asId(sender.id),
      username,
      text: emoteNamesAsText(d.content),
      at: isoMs(d.created_at),
      ...(variant ? { variant } : {}),
    },
  ]);
}

function subscription(d: JsonObject): DecodeResult {
  const username = asText(d.username);
  if (!username) return malformed('SubscriptionEvent without username');
  return ok([{ type: 'tip', id: null, userId: null, username, amount: null, currency: null, text: null, at: null, variant: 'sub' }]);
}

function giftedSubscriptions(d: JsonObject): DecodeResult {
  const username = asText(d.gifter_username);
  if (!username) return malformed('GiftedSubscriptionsEvent without gifter_username');
  const gifted = Array.isArray(d.gifted_usernames) ? d.gifted_usernames.length : null;
  return ok([
    {
      type: 'tip',
      id: null,
      userId: null,
      username,
      amount: null,
      currency: null,
      text: null,
      at: null,
      variant: 'subgift',
      ...(gifted !== null ? { quantity: gifted } : {}),
    },
  ]);
}

/** Another channel hosting (raiding) this one. */
function streamHost(d: JsonObject): DecodeResult {
  const from = asText(d.host_username);
  if (!from) return malformed('StreamHostEvent without host_username');
  return ok([{ type: 'raid', fromUsername: from, toUsername: null, viewers: asCount(d.number_viewers), at: null, direction: 'incoming' }]);
}

/** This channel hosting another: its chat moves to `hosted`. */
function chatMove(d: JsonObject): DecodeResult {
  const channel = asObject(d.channel);
  const to = asText(asObject(d.hosted)?.username) ?? asText(d.slug);
  if (!to) return malformed('ChatMoveToSupportedChannelEvent names no target');
  return ok([
    {
      type: 'raid',
      fromUsername: asText(channel?.slug),
      toUsername: to,
      viewers: asCount(asObject(channel?.current_livestream)?.viewer_count),
      at: null,
      direction: 'outgoing',
    },
  ]);
}

function streamState(status: 'live' | 'ended', d: JsonObject): DecodeResult {
  const live = asObject(d.livestream);
  if (!live) return malformed(`stream ${status} event without livestream`);
  return ok([{ type: 'stream', status, title: asText(live.session_title), at: isoMs(live.created_at) }]);
}

const HANDLERS: Record<string, (d: JsonObject) => DecodeResult> = {
  ChatMessageEvent: chatMessage,
  SubscriptionEvent: subscription,
  GiftedSubscriptionsEvent: giftedSubscriptions,
  StreamHostEvent: streamHost,
  ChatMoveToSupportedChannelEvent: chatMove,
  StreamerIsLive: (d) => streamState('live', d),
  StopStreamBroadcast: (d) => streamState('ended', d),
};

/** One Pusher frame to events. Pure; never throws. */
export function decodeKickFrame(payload: string): DecodeResult {
  const parsed = parseBounded(payload, MAX_FRAME_CHARS);
  if (typeof parsed === 'string') return malformed(parsed);
  const frame = asObject(parsed.value);
  const event = frame ? asText(frame.event) : null;
  if (!frame || !event) return malformed('not a Pusher {event, data} frame');
  if (event.startsWith('pusher:') || event.startsWith('pusher_internal:')) return unknown(`Pusher ${event.slice(0, 64)}`);
  // Most app events are `App\Events\Name`; a few (GiftedSubscriptionsEvent in some captures) come bare.
  const name = event.startsWith(EVENT_PREFIX) ? event.slice(EVENT_PREFIX.length) : event;
  const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  // Bans, deletions, pins, polls, StreamHostedEvent (the twin of StreamHostEvent), gift leaderboards…
  if (!handler) return unknown(`event ${event.slice(0, 80)}`);
  // Pusher app events carry `data` as a JSON string; some clients re-serialise it as an object.
  let data: unknown = frame.data;
  if (typeof data === 'string') {
    const inner = parseBounded(data, MAX_FRAME_CHARS);
    if (typeof inner === 'string') return malformed(`${name} data: ${inner}`);
    data = inner.value;
  }
  const d = asObject(data);
  if (!d) return malformed(`${name} data is not an object`);
  return handler(d);
}

export const kickDecoder: WireDecoder = {
  platform: 'kick',
  socketUrl: KICK_SOCKET_URL,
  decodeFrame: decodeKickFrame,
};
