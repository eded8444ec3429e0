import type { Db } from '../../kernel/db/database.js';
import type { Clock } from '../../kernel/clock.js';
import { LogThrottle } from '../../kernel/log-throttle.js';
import { silentLogger, type Logger } from '../../kernel/logger.js';
import { errorCode } from '../../kernel/storage-error.js';

export interface RateWindows {
  perMinute: number;
  perDay: number;
}

export interface RateLimitConfig extends RateWindows {
  /**
   * Requests without a usable key (none, an invalid one, public routes such as /health), counted per client
   * address. Larger than a key's allowance: every local program shares 127.0.0.1, and it is there to slow key
   * guessing and floods, not to meter integrations.
   */
  perClient?: RateWindows;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = { perMinute: 60, perDay: 10_000 };
export const DEFAULT_CLIENT_LIMITS: RateWindows = { perMinute: 600, perDay: 100_000 };

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the binding window resets. */
  reset: number;
  retryAfterSeconds: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Counters reach SQLite at most this long after a request; a clean stop flushes at once. */
const FLUSH_MS = 1000;
/** In-memory-only limiters forget counters of past days once they hold this many. */
const MEMORY_SWEEP_AT = 1000;

interface Counter {
  minuteStart: number;
  minute: number;
  dayStart: number;
  day: number;
}

/**
 * Fixed-window counters per key (a minute window and a UTC-day window). Counting happens in memory on the
 * request path; with a database, counters are written behind to SQLite (every second and on stop), so a restart
 * does not hand out a fresh allowance and a crash forgets at most a second of counts. Without one (the per-client
 * counters) they live in memory only. Refused requests are not counted.
 */
export class RateLimiter {
  private counters = new Map<string, Counter>();
  private dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private getStmt;
  private upsertStmt;
  private failures = new LogThrottle();

  constructor(
    private db: Db | null,
    private clock: Clock,
    private config: RateWindows = DEFAULT_RATE_LIMITS,
    private logger: Logger = silentLogger,
  ) {
    this.getStmt = db?.prepare<[string, string], { window_start: number; count: number }>(
      'SELECT window_start, count FROM rate_limits WHERE key_id = ? AND window = ?',
    );
    this.upsertStmt = db?.prepare(
      `INSERT INTO rate_limits (key_id, window, window_start, count) VALUES (?, ?, ?, ?)
       ON CONFLICT (key_id, window) DO UPDATE SET window_start = excluded.window_start, count = excluded.count`,
    );
  }

  private counter(keyId: string): Counter {
    let c = this.counters.get(keyId);
    if (!c) {
      if (!this.db) this.sweep();
      const m = this.getStmt?.get(keyId, 'minute');
      const d = this.getStmt?.get(keyId, 'day');
      c = { minuteStart: m?.window_start ?? 0, minute: m?.count ?? 0, dayStart: d?.window_start ?? 0, day: d?.count ?? 0 };
      this.counters.set(keyId, c);
    }
    return c;
  }

  /** Keeps a memory-only limiter bounded: counters of a past day no longer limit anything. */
  private sweep(): void {
    if (this.counters.size < MEMORY_SWEEP_AT) return;
    const today = Math.floor(this.clock.now() / DAY) * DAY;
    for (const [k, c] of this.counters) if (c.dayStart !== today) this.counters.delete(k);
  }

  consume(keyId: string): RateDecision {
    const now = this.clock.now();
    const minuteStart = Math.floor(now / MINUTE) * MINUTE;
    const dayStart = Math.floor(now / DAY) * DAY;
    const c = this.counter(keyId);
    if (c.minuteStart !== minuteStart) Object.assign(c, { minuteStart, minute: 0 });
    if (c.dayStart !== dayStart) Object.assign(c, { dayStart, day: 0 });
    const { perMinute, perDay } = this.config;
    const dayExhausted = c.day >= perDay;
    const allowed = c.minute < perMinute && !dayExhausted;
    if (allowed) {
      c.minute++;
      c.day++;
      this.markDirty(keyId);
    }
    const resetMs = dayExhausted ? dayStart + DAY : minuteStart + MINUTE;
    return {
      allowed,
      limit: dayExhausted ? perDay : perMinute,
      remaining: Math.max(0, dayExhausted ? perDay - c.day : Math.min(perMinute - c.minute, perDay - c.day)),
      reset: Math.ceil(resetMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetMs - now) / 1000)),
    };
  }

  private markDirty(keyId: string): void {
    if (!this.db) return;
    this.dirty.add(keyId);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /**
   * Writes pending counters; called by the timer and on stop. It runs in a timer, so it never throws: a write
   * that fails (a full disk) is logged at most once a minute, and its counters stay pending for the next try.
   */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const db = this.db;
    if (!db || this.dirty.size === 0 || !db.open) return;
    const keys = [...this.dirty];
    try {
      db.transaction(() => {
        for (const k of keys) {
          const c = this.counters.get(k)!;
          this.upsertStmt!.run(k, 'minute', c.minuteStart, c.minute);
          this.upsertStmt!.run(k, 'day', c.dayStart, c.day);
        }
      })();
      for (const k of keys) this.dirty.delete(k);
    } catch (err) {
      const code = errorCode(err) ?? 'unknown';
      const held = this.failures.pass(code);
      if (held !== null) {
        const more = held > 0 ? ` (${held} more since the last line like this)` : '';
        const why = err instanceof Error ? err.message : String(err);
        this.logger.error(`Rate-limit counters could not be saved (${code}: ${why}); counting goes on in memory and is retried${more}`);
      }
      this.schedule();
    }
  }
}
