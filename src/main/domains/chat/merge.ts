import { usernameKey } from '../../../shared/usernames.js';
import { normalizeText } from './self-tracker.js';

/** Which reader saw a line: the site's data stream (WebSocket frames, polled JSON) or the page's rendered rows. */
export type ChatPath = 'wire' | 'dom';

/** A line one path saw, before the merge decides whether it is new. */
export interface Sighting {
  path: ChatPath;
  kind: 'message' | 'join';
  /** The platform's message id, when this path knows it (wire frames do; DOM rows only on some sites). */
  id: string | null;
  /** The DOM row's own key when it has no platform id (`k:<doc>:<n>`): a re-render of the row repeats it. */
  rowKey: string | null;
  username: string;
  text: string;
  history: boolean;
  /**
   * On screen before this reader saw it (a row present when the chat container re-attached): matched against
   * everything delivered, not only within the window. History is always restored.
   */
  restored?: boolean;
}

/**
 * A Set that forgets its oldest entries past a count and, given `weigh`, past a total weight (the characters of
 * its strings: a count alone does not bound the memory of entries a site decides the length of).
 * The oldest is found in a ring, not by iterating the Set: V8 leaves deleted slots at the front of a Set, and
 * walking past them made each add cost O(size) once the bound was reached.
 */
export class BoundedSet<T> {
  private items = new Set<T>();
  /** Insertion order from `head`, to evict the oldest; grows with use up to `max` (a quiet chat must not hold 500k slots). */
  private ring: (T | undefined)[] = [];
  private head = 0;
  private weight = 0;
  constructor(
    private max: number,
    private limit?: { weigh: (v: T) => number; budget: number },
  ) {}
  has(v: T): boolean {
    return this.items.has(v);
  }
  add(v: T): void {
    if (this.items.has(v)) return;
    if (this.items.size === this.ring.length) {
      if (this.ring.length < this.max) this.grow();
      else this.evict();
    }
    this.ring[(this.head + this.items.size) % this.ring.length] = v;
    this.items.add(v);
    if (!this.limit) return;
    this.weight += this.limit.weigh(v);
    while (this.weight > this.limit.budget && this.items.size > 1) this.evict();
  }
  get size(): number {
    return this.items.size;
  }
  private grow(): void {
    const n = this.items.size;
    const ring = new Array<T | undefined>(Math.min(this.max, Math.max(16, n * 2)));
    for (let i = 0; i < n; i++) ring[i] = this.ring[(this.head + i) % this.ring.length];
    this.ring = ring;
    this.head = 0;
  }
  private evict(): void {
    const old = this.ring[this.head] as T;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.items.delete(old);
    if (this.limit) this.weight -= this.limit.weigh(old);
  }
}

/** Lines whose ids, row keys and content the merge remembers, and at most this many characters of each. */
export const KEEP_LINES = 20_000;
const byChars = { weigh: (s: string) => s.length, budget: 2_000_000 };

/** A line delivered by one path and not yet seen by the other. */
interface Pending {
  sig: string;
  path: ChatPath;
  id: string | null;
  at: number;
  /** Matched, expired or evicted: no longer in its signature's list. */
  done: boolean;
}

export interface MergeOptions {
  /**
   * How long a line delivered by one path waits to be matched by content on the other (default 60 s: a page
   * busy with a burst renders rows long after their frames; matching stays one for one, so a viewer's repeated
   * lines remain separate lines).
   */
  windowMs?: number;
  /** Cap on lines waiting for a match (a burst far beyond any real chat just forgets the oldest). */
  maxPending?: number;
}

/**
 * The one de-duplication between the chat's two readers, so a line reaches the bot once whichever path sees
 * it first. Lines with the platform's id match by id, for the life of the account. A line without one (Whatnot's
 * rows have none: `data-index` is a list position) matches the other path's line by who said what within a few
 * seconds, one for one: two identical lines from a viewer are two frames and two rows, never one.
 */
export class LineMerge {
  /**
   * What the sets below serve is recent: the other path's copy of a line (within the window, even a burst's
   * 6,000 lines a minute), a socket's replay after a reconnect and the rows a reloaded page restores (the last few
   * hundred lines). 20,000 lines cover that many times over; the count and the characters bound their memory
   * (~2 MB each with typical ids and texts) where 500,000 ids reached ~50 MB over a long busy show.
   */
  private ids = new BoundedSet<string>(KEEP_LINES, byChars);
  private rowKeys = new BoundedSet<string>(KEEP_LINES, byChars);
  /** Content of lines delivered (any id / without an id): a restored history row that matches one is not new. */
  private sigsAll = new BoundedSet<string>(KEEP_LINES, byChars);
  private sigsNoId = new BoundedSet<string>(KEEP_LINES, byChars);
  /** Pending lines by signature, and all of them in arrival order (so the oldest expire first, in O(1)). */
  private pending = new Map<string, Pending[]>();
  private order: Pending[] = [];
  private head = 0;
  private pendingCount = 0;
  private readonly windowMs: number;
  private readonly maxPending: number;
  duplicatesDropped = 0;

  constructor(options: MergeOptions = {}) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxPending = options.maxPending ?? 100_000;
  }

  /** True when the line is new (deliver it), false when a path already delivered it. */
  accept(s: Sighting, now: number): boolean {
    this.expire(now);
    const sig = signature(s);
    const dup = this.seen(s, sig, now);
    this.remember(s);
    if (dup) {
      this.duplicatesDropped++;
      return false;
    }
    this.sigsAll.add(sig);
    if (s.id === null) this.sigsNoId.add(sig);
    this.push({ sig, path: s.path, id: s.id, at: now, done: false });
    return true;
  }

  /** Lines waiting for the other path (for tests of the memory bound). */
  get pendingSize(): number {
    return this.pendingCount;
  }

  private seen(s: Sighting, sig: string, now: number): boolean {
    if (s.id !== null && this.ids.has(s.id)) {
      // Seen by id: the first path's entry is matched now and must not match a later line of the same words.
      this.take(sig, now, (p) => p.path !== s.path && p.id === s.id);
      return true;
    }
    // The same DOM row again (re-rendered, scrolled back into a virtual list).
    if (s.rowKey !== null && this.rowKeys.has(s.rowKey)) return true;
    // A restored row (reload, re-attached list, socket replay) whose words were delivered before the window.
    if ((s.history || s.restored) && (this.sigsNoId.has(sig) || (s.id === null && this.sigsAll.has(sig)))) return true;
    // A viewer's arrival is one event: the same user's join from either path within the window is that join.
    if (s.kind === 'join') return this.pending.get(sig)?.some((p) => now - p.at <= this.windowMs) ?? false;
    // Two different platform ids are two lines, however alike: only a line missing its id matches by content.
    return this.take(sig, now, (p) => p.path !== s.path && (p.id === null || s.id === null));
  }

  private remember(s: Sighting): void {
    if (s.id !== null) this.ids.add(s.id);
    if (s.rowKey !== null) this.rowKeys.add(s.rowKey);
  }

  /** Removes the oldest pending line that fits; true when there was one. */
  private take(sig: string, now: number, fits: (p: Pending) => boolean): boolean {
    const list = this.pending.get(sig);
    const p = list?.find((e) => now - e.at <= this.windowMs && fits(e));
    if (!p) return false;
    this.drop(p);
    return true;
  }

  private push(p: Pending): void {
    const list = this.pending.get(p.sig);
    if (list) list.push(p);
    else this.pending.set(p.sig, [p]);
    this.order.push(p);
    this.pendingCount++;
    if (this.pendingCount > this.maxPending) this.expire(p.at);
  }

  private drop(p: Pending): void {
    if (p.done) return;
    p.done = true;
    this.pendingCount--;
    const list = this.pending.get(p.sig)!;
    list.splice(list.indexOf(p), 1);
    if (list.length === 0) this.pending.delete(p.sig);
  }

  /**
   * Forgets lines whose window has passed (the other path never showed them, or its reader is down) and, far
   * beyond any real chat, the oldest ones over the cap.
   */
  private expire(now: number): void {
    while (this.head < this.order.length) {
      const p = this.order[this.head]!;
      if (!p.done && now - p.at <= this.windowMs && this.pendingCount <= this.maxPending) break;
      this.drop(p);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}

/** Who said what, as both paths render it: the username rule of the whole app, whitespace and case folded. */
function signature(s: Sighting): string {
  const who = usernameKey(s.username);
  if (s.kind === 'join') return `j\u0001${who}`;
  return `m\u0001${who}\u0001${normalizeText(s.text.normalize('NFKC')).toLowerCase()}`;
}
