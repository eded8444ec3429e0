import { usernameKey } from '../../../shared/usernames.js';
import type { ChatLine } from './types.js';

/** Whitespace as a viewer sees it: runs collapsed, ends trimmed (the DOM and the wire space text differently). */
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
