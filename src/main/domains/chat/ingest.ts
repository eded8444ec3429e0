import { usernameKey } from '../../../shared/usernames.js';
import type { PagePayload } from './page-script.js';
import type { ChatLine } from './types.js';

/** A Set that forgets its oldest entries past a size, so a day-long stream cannot grow memory without bound. */
export class BoundedSet<T> {
  private items = new Set<T>();
  constructor(private max: number) {}
  has(v: T): boolean {
    return this.items.has(v);
  }
  add(v: T): void {
    if (this.items.has(v)) return;
    this.items.add(v);
    if (this.items.size > this.max) this.items.delete(this.items.values().next().value as T);
  }
  get size(): number {
    return this.items.size;
  }
}

export function normalizeText(t: string): string {
  return t.replace(/\s+/g, ' ').trim();
}


const ECHO_WINDOW_MS = 60_000;

interface Expected {
  text: string;
  at: number;
  seen: boolean;
  timedOut: boolean;
  resolve: ((seen: boolean) => void) | null;
}

export interface EchoWait {
  /** Resolves true once the echo is seen, false on timeout (a late echo is still recognised as ours). */
  wait(timeoutMs: number): Promise<boolean>;
  /** Whether the echo has been seen, however late. */
  seen(): boolean;
  /** The text was never submitted: forget it. */
  cancel(): void;
}

/**
 * Knows what "our own message" looks like: the logged-in name, and the texts the queue just posted
 * (each expected echo is consumed once, so a viewer repeating the bot's words later still counts).
 */
export class SelfTracker {
  private expected: Expected[] = [];
  constructor(
    private names: () => (string | null | undefined)[],
    private now: () => number,
  ) {}

  isHostName(username: string): boolean {
    const u = usernameKey(username);
    return u.length > 0 && this.names().some((n) => !!n && usernameKey(n) === u);
  }

  /** Registers a text about to be posted; `wait` resolves true once its echo is seen, false on timeout. */
  expect(text: string): EchoWait {
    const entry: Expected = { text: normalizeText(text), at: this.now(), seen: false, timedOut: false, resolve: null };
    this.expected.push(entry);
    return {
      // The echo can arrive while the post is still being typed, before anyone waits for it.
      wait: (timeoutMs) =>
        entry.seen
          ? Promise.resolve(true)
          : new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => {
                // Kept: a late echo must still be recognised as ours, not answered.
                entry.resolve = null;
                entry.timedOut = true;
                resolve(false);
              }, timeoutMs);
              entry.resolve = (v) => {
                clearTimeout(timer);
                resolve(v);
              };
            }),
      seen: () => entry.seen,
      cancel: () => {
        this.expected = this.expected.filter((e) => e !== entry);
        entry.resolve?.(false);
      },
    };
  }

  /** Whether a line is ours; confirms the matching pending send as a side effect. */
  match(username: string, text: string, kind: ChatLine['kind']): boolean {
    return this.classify(username, text, kind) !== null;
  }

  /** `echo` = a text the queue posted (confirms that send), `host` = the host's own line, null = a viewer's. */
  classify(username: string, text: string, kind: ChatLine['kind']): 'echo' | 'host' | null {
    const byName = this.isHostName(username) ? ('host' as const) : null;
    if (kind === 'join') return byName;
    const now = this.now();
    this.expected = this.expected.filter((e) => now - e.at < ECHO_WINDOW_MS);
    const norm = normalizeText(text);
    // The site may cut a long message: a prefix of what we sent counts as its echo.
    const same = (e: Expected) => e.text === norm || (norm.length >= 20 && e.text.startsWith(norm));
    let i = this.expected.findIndex((e) => !e.timedOut && same(e));
    if (i < 0) i = this.expected.findIndex(same);
    if (i >= 0) {
      const [e] = this.expected.splice(i, 1);
      e!.seen = true;
      e!.resolve?.(true);
      return 'echo';
    }
    return byName;
  }
}

/** Content of a row, for recognising a restored row that has no platform id after a reload. */
function signature(username: string, text: string, kind: string): string {
  return `${kind}\u0001${username}\u0001${text}`;
}

const HISTORY_SLACK_MS = 3000;

/**
 * Turns page payloads into ChatLines: drops rows already delivered (by identity, never by time),
 * marks history and own messages. Lives as long as the account's session, across reloads and browser restarts.
 */
export class LineIngest {
  private seenKeys = new BoundedSet<string>(500_000);
  private seenSigs = new BoundedSet<string>(50_000);
  private docs = new Map<string, number>();
  duplicatesDropped = 0;

  constructor(
    private accountId: string,
    private platform: string,
    private self: SelfTracker,
    private now: () => number,
  ) {}

  accept(payload: PagePayload): ChatLine[] {
    const now = this.now();
    let docSince = this.docs.get(payload.doc);
    if (docSince === undefined) {
      docSince = now;
      this.docs.set(payload.doc, now);
      if (this.docs.size > 1000) this.docs.delete(this.docs.keys().next().value as string);
    }
    const out: ChatLine[] = [];
    for (const r of payload.rows) {
      const sig = signature(r.username, r.text, r.kind);
      // Rows stamped before this document attached were restored (reload, late render): history.
      const history = r.initial || (r.ts !== null && r.ts < docSince - HISTORY_SLACK_MS);
      if (this.seenKeys.has(r.key) || (history && !r.key.startsWith('id:') && this.seenSigs.has(sig))) {
        this.duplicatesDropped++;
        continue;
      }
      this.seenKeys.add(r.key);
      this.seenSigs.add(sig);
      const self = this.self.classify(r.username, r.text, r.kind);
      out.push({
        accountId: this.accountId,
        platform: this.platform,
        kind: r.kind,
        username: r.username,
        text: r.text,
        rowKey: r.key,
        history,
        self: self !== null,
        manual: self === 'host' && r.kind === 'message' && !history,
        pageTs: r.ts,
        receivedAt: now,
      });
    }
    return out;
  }
}
