/**
 * The practice stream's Whatnot-shaped socket traffic, as pure builders. Frames are Phoenix serializer 2.0.0
 * arrays `[join_ref, ref, topic, event, payload]`. Event and field names follow social_stream
 * `sources/whatnot.js` (2024-2026) and the real auction-socket capture in tests/fixtures/wire/whatnot; values are
 * ours. Not evidenced (our choice): the chat topic's name (`livestream:<id>`; the auction socket's is
 * `commerce:<id>`), the event a client pushes to post (`new_msg` with `{message}`), and status "ENDED".
 */
import type { PracticeMessage } from './schema.js';

export type JsonObject = Record<string, unknown>;
export type PhxFrame = [string | null, string | null, string, string, JsonObject];

export const CONTROL_TOPIC = 'practice:control';
export const PHOENIX_TOPIC = 'phoenix';

export const livestreamTopic = (id: string) => `livestream:${id}`;
export const commerceTopic = (id: string) => `commerce:${id}`;

export function encodeFrame(f: PhxFrame): string {
  return JSON.stringify(f);
}

/** Parses a client frame; null when it is not a 5-array with text topic and event and an object payload. */
export function decodeClientFrame(raw: string): PhxFrame | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.length !== 5) return null;
  const [joinRef, ref, topic, event, payload] = v as unknown[];
  const refOk = (r: unknown) => r === null || typeof r === 'string';
  if (!refOk(joinRef) || !refOk(ref) || typeof topic !== 'string' || typeof event !== 'string') return null;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  return [joinRef as string | null, ref as string | null, topic, event, payload as JsonObject];
}

export function reply(joinRef: string | null, ref: string | null, topic: string, status: 'ok' | 'error', response: JsonObject = {}): PhxFrame {
  return [joinRef, ref, topic, 'phx_reply', { status, response }];
}

/** Whatnot user ids are numeric strings; ours are a stable hash of the name so the same viewer keeps one id. */
export function userId(username: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < username.length; i++) h = Math.imul(h ^ username.charCodeAt(i), 0x01000193);
  return String(1_000_000 + ((h >>> 0) % 9_000_000));
}

export function user(username: string, host = false): JsonObject {
  return { id: userId(username), username, ...(host ? { isHost: true } : {}) };
}

/** Whatnot shows a viewer's arrival as a chat line reading "joined 👋". */
export const JOIN_TEXT = 'joined 👋';

export function newMsgPayload(m: PracticeMessage, livestreamId: string): JsonObject {
  const topic = livestreamTopic(livestreamId);
  return {
    id: m.id,
    user: user(m.username, m.host),
    message: m.kind === 'join' ? JOIN_TEXT : m.text,
    ...(m.variant ? { type: m.variant } : {}),
    properties: {},
    taggedUsers: [],
    topic,
    timestamp: m.ts,
    livestreamId,
  };
}

export interface ShowSnapshot {
  id: string;
  live: boolean;
  viewers: number;
  title: string;
  hostName: string;
  pinnedProductId: string | null;
  activeGiveawayLiveProductId: string | null;
}

export function livestreamPayload(s: ShowSnapshot, now: number): JsonObject {
  return {
    id: s.id,
    activeViewers: s.viewers,
    status: s.live ? 'PLAYING' : 'ENDED',
    title: s.title,
    hostUsername: s.hostName,
    pinnedProductId: s.pinnedProductId,
    activeGiveawayLiveProductId: s.activeGiveawayLiveProductId,
    timestamp: now,
  };
}
