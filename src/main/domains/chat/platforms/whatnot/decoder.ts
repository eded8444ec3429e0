/**
 * Whatnot's Phoenix-channel frames (`[join_ref, ref, topic, event, payload]`, serializer vsn 2.0.0) to
 * wire events. Sockets: `wss://www.whatnot.com/services/live/socket/websocket` (chat, view counts,
 * giveaways) and `/services/auction/socket/websocket` (topic `commerce:<livestreamId>`: auctions).
 * Event and field names: social_stream sources/whatnot.js + sources/whatnot.d.js, and a sanitised real
 * auction-socket capture (see tests/fixtures/wire/whatnot/SOURCE.md). The practice stream speaks the
 * same frames on `/practice/socket`, so it is decoded here too.
 */
import type { DecodeResult, WireDecoder, WireEvent } from '../../wire/types.js';
import { MAX_FRAME_CHARS, asCount, asId, asObject, asText, epochMs, malformed, ok, parseBounded, unknown, type JsonObject } from '../wire-json.js';
import { decodeProductFrame } from './products.js';

/** Whatnot's own sockets, and the local practice stream's (on any loopback name the page was opened with). */
export const WHATNOT_SOCKET_URL =
  /^(?:wss:\/\/(?:www\.)?whatnot\.com\/services\/[a-z_]+\/socket\/websocket|wss?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\/practice\/socket)(?:[/?]|$)/;

/** The chat shows joins as a row reading "joined 👋" (social_stream treats /^joined/ new_msg the same way). */
const JOIN_TEXT = /^joined(?:\s*👋)?$/u;
const MAX_PRESENCE_JOINS = 500;

type Handler = (p: JsonObject, topic: string, event: string) => DecodeResult;

function user(v: unknown): { userId: string | null; username: string } | null {
  const u = asObject(v);
  const username = u ? asText(u.username) : null;
  return u && username ? { userId: asId(u.id), username } : null;
}

function newMessage(p: JsonObject): DecodeResult {
  const author = user(p.user);
  if (!author) return malformed('new_msg user is not an object with a username');
  if (typeof p.message !== 'string') return malformed('new_msg message is not text');
  const at = epochMs(p.timestamp);
  if (JOIN_TEXT.test(p.message.trim())) return ok([{ type: 'join', id: asId(p.id), ...author, at }]);
  const variant = asText(p.type);
  return ok([{ type: 'message', id: asId(p.id), ...author, text: p.message, at, ...(variant ? { variant } : {}) }]);
}

/** Phoenix presence: `joins` maps a key to `{metas: [{user, online_at_ms, …}]}` (social_stream reads joins[topic]). */
function presenceDiff(p: JsonObject): DecodeResult {
  const joins = asObject(p.joins);
  if (!joins) return p.joins === undefined ? ok([]) : malformed('presence_diff joins is not an object');
  const events: WireEvent[] = [];
  for (const entry of Object.values(joins)) {
    const metas = asObject(entry)?.metas;
    if (!Array.isArray(metas)) continue;
    for (const meta of metas) {
      const m = asObject(meta);
      const who = user(m?.user);
      if (who && events.length < MAX_PRESENCE_JOINS) events.push({ type: 'join', ...who, at: epochMs(m?.online_at_ms) });
    }
  }
  return ok(events);
}

/** A `Livestream` object: the viewer count and the show's status/title. */
function livestreamEvents(ls: JsonObject): WireEvent[] {
  const events: WireEvent[] = [];
  const count = asCount(ls.activeViewers);
  if (count !== null) events.push({ type: 'viewers', count, at: null });
  const status = asText(ls.status);
  if (status) events.push({ type: 'stream', status, title: asText(ls.title), at: null });
  return events;
}

function tipSent(p: JsonObject, topic: string): DecodeResult {
  // Whatnot sends each tip on the chat topic and again on another channel; social_stream keeps only the
  // non-chat copy to avoid counting it twice. A tip frame carries no id to deduplicate on.
  if (topic.startsWith('chat:')) return ok([]);
  const tip = asObject(p.tip);
  if (!tip) return malformed('tip_sent tip is not an object');
  const sender = user(tip.senderUser);
  if (!sender) return malformed('tip_sent senderUser has no username');
  const value = asObject(tip.tipValue);
  const minor = value && typeof value.amount === 'number' && Number.isFinite(value.amount) ? value.amount : null;
  return ok([
    {
      type: 'tip',
      id: asId(tip.id),
      ...sender,
      // `tipValue.amount` is in cents like every Whatnot Money; `magnitude` is not a scale (social_stream
      // found values >= 1 there and stopped using it).
      amount: minor === null ? null : Math.round(minor) / 100,
      currency: value ? asText(value.currency) : null,
      text: asText(tip.message),
      at: epochMs(p.timestamp),
    },
  ]);
}

function raid(p: JsonObject, _topic: string, event: string): DecodeResult {
  const from = user(p.fromUser)?.username ?? null;
  const to = user(p.toUser)?.username ?? null;
  const viewers = asCount(p.numRaiders) ?? asCount(p.numUsers);
  if (!from && !to && viewers === null) return malformed(`${event} names no raider and no count`);
  const base = { type: 'raid' as const, fromUsername: from, toUsername: to, viewers, at: epochMs(p.timestamp) };
  if (event === 'has_been_raided') return ok([{ ...base, direction: 'incoming' }]);
  return ok([{ ...base, direction: 'outgoing', stage: event === 'raid_selected' ? 'selected' : 'started' }]);
}

function giveaway(p: JsonObject, _topic: string, event: string): DecodeResult {
  const details = asObject(p.giveaway);
  const product = asObject(p.product);
  if (event === 'giveaway_entry_count_updated') {
    const entryCount = asCount(p.entryCount);
    if (entryCount === null) return malformed('giveaway_entry_count_updated entryCount is not a count');
    const giveawayId = asId(p.productId);
    return ok([{ type: 'giveaway', phase: 'entries', giveawayId, title: null, entryCount, winner: null, at: null }]);
  }
  if (!details && !product) return malformed(`${event} has neither giveaway nor product`);
  const entries = Array.isArray(p.giveawayEntries) ? p.giveawayEntries.length : null;
  const won = event === 'giveaway_won';
  return ok([
    {
      type: 'giveaway',
      phase: won ? 'won' : 'started',
      giveawayId: asId(details?.productId) ?? asId(product?.id) ?? asId(p.id),
      title: product ? asText(product.name) : null,
      entryCount: asCount(details?.entryCount) ?? entries,
      // A giveaway is a product handed to its winner: the purchaser is the winner (field name from the
      // typedef; no public capture of giveaway_won shows it filled).
      winner: won && product ? asText(asObject(product.purchaserUser)?.username) : null,
      at: epochMs(p.timestamp),
    },
  ]);
}

const HANDLERS: Record<string, Handler> = {
  new_msg: newMessage,
  presence_diff: presenceDiff,
  // Sent to this page's own viewer on join (buyer qualifications, pinned product): not another viewer
  // joining. Its livestream snapshot is still the show's state.
  user_joined: (p) => ok(livestreamEvents(asObject(p.livestream) ?? {})),
  tip_sent: tipSent,
  raid_selected: raid,
  raid_started: raid,
  has_been_raided: raid,
  livestream_view_count_updated: (p) => {
    const count = asCount(p.viewCount);
    return count === null ? malformed('viewCount is not a count') : ok([{ type: 'viewers', count, at: null }]);
  },
  livestream_update: (p) => ok(livestreamEvents(p)),
  giveaway_entry_count_updated: giveaway,
  giveaway_started: giveaway,
  giveaway_won: giveaway,
  product_created: (p, _t, e) => decodeProductFrame(e, p),
  product_updated: (p, _t, e) => decodeProductFrame(e, p),
  product_deleted: (p, _t, e) => decodeProductFrame(e, p),
  product_sold: (p, _t, e) => decodeProductFrame(e, p),
  auction_started: (p, _t, e) => decodeProductFrame(e, p),
  auction_ended: (p, _t, e) => decodeProductFrame(e, p),
  new_bid: (p, _t, e) => decodeProductFrame(e, p),
};

/** One Whatnot (or practice) socket frame to events. Pure; never throws. */
export function decodeWhatnotFrame(payload: string): DecodeResult {
  const parsed = parseBounded(payload, MAX_FRAME_CHARS);
  if (typeof parsed === 'string') return malformed(parsed);
  const frame = parsed.value;
  if (!Array.isArray(frame) || frame.length !== 5) return malformed('not a Phoenix [join_ref, ref, topic, event, payload] array');
  const [, , topic, event, body] = frame;
  if (typeof topic !== 'string' || typeof event !== 'string') return malformed('topic or event is not text');
  const handler = Object.hasOwn(HANDLERS, event) ? HANDLERS[event] : undefined;
  // phx_reply (heartbeat and join replies), presence_state, auction bookkeeping…: well-formed, not read.
  if (!handler) return unknown(`event ${event.slice(0, 64)} on ${topic.slice(0, 64)}`);
  const p = asObject(body);
  if (!p) return malformed(`${event} payload is not an object`);
  return handler(p, topic, event);
}

export const whatnotDecoder: WireDecoder = {
  platform: 'whatnot',
  socketUrl: WHATNOT_SOCKET_URL,
  decodeFrame: decodeWhatnotFrame,
};
