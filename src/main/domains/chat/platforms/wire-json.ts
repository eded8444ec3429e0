/**
 * Bounded, throw-free reading of untrusted wire payloads, shared by the platform decoders.
 * Every helper answers null (or a DecodeResult) instead of throwing: a decoder runs on every frame a
 * live page receives and must never take the ingest down.
 */
import type { DecodeResult, WireEvent } from '../wire/types.js';

/** WebSocket frames above this are not chat (real chat frames are a few KB); refuse before parsing. */
export const MAX_FRAME_CHARS = 256 * 1024;
/** get_live_chat bodies carry a page of actions plus tracking context; 1 MB is far beyond a real poll. */
export const MAX_RESPONSE_CHARS = 1_000_000;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const ok = (events: WireEvent[]): DecodeResult => ({ ok: true, events });
export const unknown = (detail: string): DecodeResult => ({ ok: false, reason: 'unknown', detail });
export const malformed = (detail: string): DecodeResult => ({ ok: false, reason: 'malformed', detail });

/** Parses JSON text no longer than `max` characters; a string answer is the reason it failed. */
export function parseBounded(text: unknown, max: number): { value: Json } | string {
  if (typeof text !== 'string') return 'payload is not text';
  if (text.length === 0) return 'empty payload';
  if (text.length > max) return `payload of ${text.length} chars exceeds ${max}`;
  try {
    return { value: JSON.parse(text) as Json };
  } catch {
    return 'not valid JSON';
  }
}

export function asObject(v: unknown): JsonObject | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : null;
}

/** A non-empty string. */
export function asText(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/** Ids arrive as strings on some platforms and numbers on others; both become strings. */
export function asId(v: unknown): string | null {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A finite number, or a string holding only one (Twitch tags and YouTube microseconds are strings). */
export function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return null;
}

/** A count: a non-negative integer. */
export function asCount(v: unknown): number | null {
  const n = asNumber(v);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}

/** Epoch time in ms from seconds, ms or µs (sites mix them); null when it is not a plausible time. */
export function epochMs(v: unknown): number | null {
  const n = asNumber(v);
  if (n === null || n <= 0) return null;
  if (n < 1e11) return Math.round(n * 1000);
  if (n < 1e14) return Math.round(n);
  return Math.floor(n / 1000);
}

/** ISO-8601 date text to epoch ms. */
export function isoMs(v: unknown): number | null {
  if (typeof v !== 'string' || v.length > 64) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** Minor units (cents, pence) to the main unit, rounded to the cent to avoid 0.30000000000000004. */
export function fromMinor(v: unknown): number | null {
  const n = asNumber(v);
  return n === null ? null : Math.round(n) / 100;
}
