/**
 * What a platform's data stream (WebSocket frames, JSON responses) says, decoded into one vocabulary.
 * A decoder is a pure function from one frame or response body to these events; the wire ingest feeds it
 * from Playwright (`page.on('websocket')`, `page.on('response')`) and merges its lines with the DOM path's.
 */

/** Epoch milliseconds the platform stamped on the event, or null when the frame carries no time. */
type At = number | null;

export type WireEvent =
  | {
      type: 'message';
      /** The platform's own message id (dedup key across the wire and DOM paths); null when the frame has none. */
      id: string | null;
      userId: string | null;
      username: string;
      /** What a viewer sees: text with emoji as characters and emotes by name. */
      text: string;
      at: At;
      /** Platform message kind when it is not a plain chat line (e.g. Whatnot "announcement"). */
      variant?: string;
    }
  | {
      type: 'join';
      /** The platform's id of the join line, when the frame carries one (Whatnot's "joined 👋" new_msg does). */
      id?: string | null;
      userId: string | null;
      username: string;
      at: At;
    }
  | {
      type: 'tip';
      id: string | null;
      userId: string | null;
      username: string;
      /** In the currency's main unit (dollars, not cents); null when the frame hides it. */
      amount: number | null;
      currency: string | null;
      text: string | null;
      at: At;
      /** Platform kind when it is not a plain tip: 'sub', 'resub', 'subgift', 'sticker', 'membership_gift'... */
      variant?: string;
      /** How many subscriptions/memberships were gifted at once, when the frame says. */
      quantity?: number;
    }
  | {
      type: 'raid';
      fromUsername: string | null;
      toUsername: string | null;
      viewers: number | null;
      at: At;
      /** 'incoming': another stream raids this one; 'outgoing': this stream raids another. */
      direction?: 'incoming' | 'outgoing';
      /** Whatnot announces an outgoing raid twice: when the host picks the target, then when it starts. */
      stage?: 'selected' | 'started';
    }
  | { type: 'viewers'; count: number; at: At }
  | { type: 'stream'; status: string; title: string | null; at: At }
  | {
      type: 'giveaway';
      phase: 'started' | 'entries' | 'won' | 'ended';
      giveawayId: string | null;
      title: string | null;
      entryCount: number | null;
      winner: string | null;
      at: At;
    }
  | {
      type: 'product';
      action: 'created' | 'updated' | 'deleted' | 'sold';
      productId: string;
      title: string | null;
      /** In the currency's main unit; null when the frame hides it. */
      price: number | null;
      currency: string | null;
      buyer: string | null;
      at: At;
      /** Highest bidder when the update is a new auction bid (Whatnot `new_bid`). */
      bidder?: string | null;
    };

export type WireEventType = WireEvent['type'];

/** One frame or body decoded: its events, or why it gave none (counted by the ingest, never thrown). */
export type DecodeResult =
  | { ok: true; events: WireEvent[] }
  /** `unknown`: well-formed but not an event we read (heartbeats, replies, other channels); `malformed`: not parseable or wrong types. */
  | { ok: false; reason: 'unknown' | 'malformed'; detail: string };

/** A platform's wire decoder: which traffic it reads and how. Pure: no I/O, no clock, never throws. */
export interface WireDecoder {
  platform: string;
  /** WebSocket URLs whose frames this decoder reads (tested against the socket's URL). */
  socketUrl?: RegExp;
  /** HTTP response URLs whose JSON bodies this decoder reads (YouTube's get_live_chat). */
  responseUrl?: RegExp;
  decodeFrame?(payload: string): DecodeResult;
  decodeResponse?(body: string): DecodeResult;
}
