import type { Db } from '../db/database.js';
import type { Clock } from '../clock.js';

export interface RateLimitConfig {
  perMinute: number;
  perDay: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = { perMinute: 60, perDay: 10_000 };

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

/**
 * Fixed-window counters per key (a minute window and a UTC-day window), persisted in SQLite on every
 * counted request so a restart does not hand out a fresh allowance. Refused requests are not counted.
 */
export class RateLimiter {
  private getStmt;
  private upsertStmt;
  private check;

  constructor(
    db: Db,
    private clock: Clock,
    private config: RateLimitConfig = DEFAULT_RATE_LIMITS,
  ) {
    this.getStmt = db.prepare<[string, string], { window_start: number; count: number }>(
      'SELECT window_start, count FROM rate_limits WHERE key_id = ? AND window = ?',
    );
    this.upsertStmt = db.prepare(
      `INSERT INTO rate_limits (key_id, window, window_start, count) VALUES (?, ?, ?, 1)
       ON CONFLICT (key_id, window) DO UPDATE SET
         count = CASE WHEN window_start = excluded.window_start THEN count + 1 ELSE 1 END,
         window_start = excluded.window_start`,
    );
    this.check = db.transaction((keyId: string): RateDecision => {
      const now = this.clock.now();
      const minuteStart = Math.floor(now / MINUTE) * MINUTE;
      const dayStart = Math.floor(now / DAY) * DAY;
      const used = (window: string, start: number) => {
        const row = this.getStmt.get(keyId, window);
        return row && row.window_start === start ? row.count : 0;
      };
      const usedMinute = used('minute', minuteStart);
      const usedDay = used('day', dayStart);
      const minute = { limit: this.config.perMinute, used: usedMinute, resetMs: minuteStart + MINUTE };
      const day = { limit: this.config.perDay, used: usedDay, resetMs: dayStart + DAY };
      const dayExhausted = day.used >= day.limit;
      const binding = dayExhausted ? day : minute;
      const allowed = minute.used < minute.limit && !dayExhausted;
      if (allowed) {
        this.upsertStmt.run(keyId, 'minute', minuteStart);
        this.upsertStmt.run(keyId, 'day', dayStart);
      }
      const remainingMinute = minute.limit - minute.used - (allowed ? 1 : 0);
      const remainingDay = day.limit - day.used - (allowed ? 1 : 0);
      return {
        allowed,
        limit: binding.limit,
        remaining: Math.max(0, dayExhausted ? remainingDay : Math.min(remainingMinute, remainingDay)),
        reset: Math.ceil(binding.resetMs / 1000),
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((binding.resetMs - now) / 1000)),
      };
    });
  }

  consume(keyId: string): RateDecision {
    return this.check(keyId);
  }
}
