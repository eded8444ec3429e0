import { randomBytes } from 'node:crypto';
import { LineMerge, type MergeOptions, type Sighting } from './merge.js';
import type { PagePayload } from './page-script.js';
import type { SelfTracker } from './self-tracker.js';
import type { ChatLine } from './types.js';
import type { WireEvent } from './wire/types.js';

/** Stamped before its reader attached, by more than clock jitter: restored or replayed, so history. */
const HISTORY_SLACK_MS = 3000;

/** A wire event stamped before its socket opened (or its poller attached): a replay, never a trigger. */
export function isReplay(at: number | null, attachedAt: number): boolean {
  return at !== null && at < attachedAt - HISTORY_SLACK_MS;
}

export type WireLineEvent = Extract<WireEvent, { type: 'message' | 'join' }>;

/**
 * Turns what both readers see (DOM rows from the page script, message and join events from the wire) into
 * ChatLines, each line once whichever path saw it first (LineMerge), marked as history and as our own.
 * Lives as long as the account's session, across reloads, socket reconnects and browser restarts.
 */
export class LineIngest {
  private docs = new Map<string, number>();
  private readonly merge: LineMerge;
  /** Wire lines without a platform id (joins) get a key unique to this app run. */
  private wireSeq = 0;
  private readonly wireRun = randomBytes(4).toString('hex');

  constructor(
    private accountId: string,
    private platform: string,
    private self: SelfTracker,
    private now: () => number,
    options: MergeOptions = {},
  ) {
    this.merge = new LineMerge(options);
  }

  /** Lines dropped because a path (this one or the other) had already delivered them. */
  get duplicatesDropped(): number {
    return this.merge.duplicatesDropped;
  }

  /** Rows the page script pushed; rows stamped before their document attached were restored: history. */
  acceptPage(payload: PagePayload): ChatLine[] {
    const now = this.now();
    let docSince = this.docs.get(payload.doc);
    if (docSince === undefined) {
      docSince = now;
      this.docs.set(payload.doc, now);
      if (this.docs.size > 1000) this.docs.delete(this.docs.keys().next().value as string);
    }
    const out: ChatLine[] = [];
    for (const r of payload.rows) {
      const history = r.initial || (r.ts !== null && r.ts < docSince - HISTORY_SLACK_MS);
      const id = r.key.startsWith('id:') ? r.key.slice(3) : null;
      // Rows sent with the attach were on screen when the container (re)appeared: a re-rendered list, not news.
      const restored = payload.attached !== undefined;
      const sighting: Sighting = {
        path: 'dom',
        kind: r.kind,
        id,
        rowKey: id === null ? r.key : null,
        username: r.username,
        text: r.text,
        history,
        restored,
      };
      const line = this.take(sighting, r.key, r.ts, now);
      if (line) out.push(line);
    }
    return out;
  }

  /**
   * A message or join event of one decoded frame or body. `attachedAt` is when the socket opened (or the poller
   * attached): a line stamped before it is a replay, so history.
   */
  acceptWire(e: WireLineEvent, attachedAt: number): ChatLine | null {
    const id = e.type === 'message' ? e.id : null;
    const history = isReplay(e.at, attachedAt);
    const text = e.type === 'message' ? e.text : 'joined';
    const sighting: Sighting = { path: 'wire', kind: e.type, id, rowKey: null, username: e.username, text, history };
    const key = id !== null ? `id:${id}` : `w:${this.wireRun}:${++this.wireSeq}`;
    return this.take(sighting, key, e.at, this.now());
  }

  private take(s: Sighting, rowKey: string, pageTs: number | null, now: number): ChatLine | null {
    if (!this.merge.accept(s, now)) return null;
    // Classified once, on the first sighting: an echo confirms its send whichever path saw it.
    const self = this.self.classify(s.username, s.text, s.kind);
    return {
      accountId: this.accountId,
      platform: this.platform,
      kind: s.kind,
      username: s.username,
      text: s.text,
      rowKey,
      history: s.history,
      self: self !== null,
      manual: self === 'host' && s.kind === 'message' && !s.history,
      pageTs,
      receivedAt: now,
    };
  }
}
