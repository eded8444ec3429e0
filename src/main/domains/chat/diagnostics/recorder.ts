import { BoundedSet } from '../merge.js';
import type { ChatLine } from '../types.js';
import { MinuteCounter } from '../wire/stats.js';
import type { DecodeResult, WireDecoder, WireEvent } from '../wire/types.js';

/** Frames kept per group (event type, `unknown`, `malformed`, `empty`) for the site report. */
export const SAMPLES_PER_TYPE = 20;
/** Characters of raw frames kept per account at most: the oldest sample goes first. */
const SAMPLE_BUDGET = 1_000_000;
/** A larger frame or body is noted (size and events) but not kept. */
const SAMPLE_MAX_CHARS = 200_000;
const RECENT_LINES = 5;
const KNOWN_NAMES = 500;

export interface FrameSample {
  seq: number;
  at: number;
  source: 'frame' | 'body';
  result: 'ok' | 'unknown' | 'malformed';
  events: string[];
  detail: string | null;
  chars: number;
  /** The raw frame or body; null when it was too large to keep. */
  raw: string | null;
  /** Groups it is in. */
  refs: number;
}

export interface RecentLine {
  username: string;
  text: string;
  kind: 'message' | 'join';
  path: 'wire' | 'dom';
  at: number;
}

/** What the diagnosis remembers of one account's chat: frame samples, frames per group, the last lines, names seen. */
export class AccountRecord {
  readonly groups = new Map<string, FrameSample[]>();
  readonly frames = new MinuteCounter();
  readonly lines: RecentLine[] = [];
  /** Names and texts seen on either path, for masking the report (never sent anywhere). */
  readonly names = new Set<string>();
  /** Message ids the data stream carried: a line with one of them was first read from the wire. */
  private readonly wireIds = new BoundedSet<string>(5_000);
  lastWireChatAt: number | null = null;
  private seq = 0;
  private chars = 0;

  frame(source: FrameSample['source'], raw: string, r: DecodeResult, now: number): void {
    const events = r.ok ? [...new Set(r.events.map((e) => e.type))] : [];
    const groups = r.ok ? (events.length ? events : ['empty']) : [r.reason];
    for (const g of groups) this.frames.add(now, g);
    if (r.ok) this.remember(r.events, now);
    const keep = raw.length <= SAMPLE_MAX_CHARS;
    const sample: FrameSample = {
      seq: ++this.seq,
      at: now,
      source,
      result: r.ok ? 'ok' : r.reason,
      events,
      detail: r.ok ? null : r.detail,
      chars: raw.length,
      raw: keep ? raw : null,
      refs: groups.length,
    };
    if (keep) this.chars += raw.length;
    for (const g of groups) {
      const list = this.groups.get(g) ?? [];
      list.push(sample);
      if (list.length > SAMPLES_PER_TYPE) this.release(list.shift());
      this.groups.set(g, list);
    }
    while (this.chars > SAMPLE_BUDGET) this.dropOldest();
  }

  private remember(events: WireEvent[], now: number): void {
    for (const e of events) {
      if (e.type === 'message' || e.type === 'join') {
        this.lastWireChatAt = now;
        if (e.id) this.wireIds.add(e.id);
      }
      for (const n of namesOf(e)) this.addName(n);
    }
  }

  /** A sample may sit in several groups: its characters are released when it leaves the last one. */
  private release(s: FrameSample | undefined): void {
    if (s && --s.refs === 0 && s.raw !== null) this.chars -= s.raw.length;
  }

  private dropOldest(): void {
    let oldest: FrameSample | null = null;
    for (const list of this.groups.values()) if (list.length && (!oldest || list[0]!.seq < oldest.seq)) oldest = list[0]!;
    if (!oldest) return void (this.chars = 0);
    for (const list of this.groups.values()) if (list[0] === oldest) this.release(list.shift());
  }

  /** The newest KNOWN_NAMES names and texts (a Set keeps insertion order: the first is the oldest). */
  private addName(n: string): void {
    this.names.delete(n);
    this.names.add(n);
    if (this.names.size > KNOWN_NAMES) this.names.delete(this.names.values().next().value as string);
  }

  line(l: ChatLine): void {
    this.addName(l.username);
    if (l.kind === 'message') this.addName(l.text);
    this.lines.push({ username: l.username, text: l.text, kind: l.kind, path: this.pathOf(l.rowKey), at: l.receivedAt });
    if (this.lines.length > RECENT_LINES) this.lines.shift();
  }

  /**
   * Which reader delivered a line, from its key: `k:` keys are the page's, `w:` the data stream's; a platform id
   * (`id:`) is the stream's when the stream had carried it when the line was delivered (the listener runs then).
   */
  private pathOf(rowKey: string): RecentLine['path'] {
    if (rowKey.startsWith('w:')) return 'wire';
    if (rowKey.startsWith('id:')) return this.wireIds.has(rowKey.slice(3)) ? 'wire' : 'dom';
    return 'dom';
  }
}

function namesOf(e: WireEvent): string[] {
  switch (e.type) {
    case 'message':
      return [e.username, e.text];
    case 'join':
      return [e.username];
    case 'tip':
      return [e.username, ...(e.text ? [e.text] : [])];
    case 'raid':
      return [e.fromUsername, e.toUsername].filter((n): n is string => !!n);
    case 'giveaway':
      return e.winner ? [e.winner] : [];
    case 'product':
      return [e.buyer, e.bidder].filter((n): n is string => !!n);
    default:
      return [];
  }
}

/**
 * Per account: what the diagnosis and the site report need beyond the status, recorded as the chat runs. The
 * driver reads each account's data stream through `decoder()` (the platform's decoder, with every frame also
 * recorded here) and hands every delivered line to `line()`.
 */
export class ChatDiagnostics {
  private records = new Map<string, AccountRecord>();

  constructor(
    gateway: { onLine(listener: (line: ChatLine) => void): () => void },
    readonly now: () => number,
  ) {
    gateway.onLine((l) => this.record(l.accountId).line(l));
  }

  record(accountId: string): AccountRecord {
    let r = this.records.get(accountId);
    if (!r) this.records.set(accountId, (r = new AccountRecord()));
    return r;
  }

  /** The decoder, recording what it reads (the same results: the feed and the ingest see no difference). */
  decoder(accountId: string, inner: WireDecoder | null): WireDecoder | null {
    if (!inner) return null;
    const rec = () => this.record(accountId);
    const wrap = (source: FrameSample['source'], decode: (raw: string) => DecodeResult) => (raw: string) => {
      const r = decode(raw);
      rec().frame(source, raw, r, this.now());
      return r;
    };
    const d: WireDecoder = { platform: inner.platform, socketUrl: inner.socketUrl, responseUrl: inner.responseUrl };
    if (inner.decodeFrame) d.decodeFrame = wrap('frame', inner.decodeFrame.bind(inner));
    if (inner.decodeResponse) d.decodeResponse = wrap('body', inner.decodeResponse.bind(inner));
    return d;
  }
}
