import crypto from 'node:crypto';
import { systemResolver, type Resolver } from './address.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface WebhookOptions {
  /** Per attempt, connect to end of response. */
  timeoutMs: number;
  /** Deliveries in flight at once, all endpoints together. */
  concurrency: number;
  /** In flight per endpoint, so one slow endpoint cannot take every slot (fairness). */
  perEndpointConcurrency: number;
  /**
   * Nominal wait after failed attempt n (index n-1); attempts = length + 1, then the delivery is dead.
   * Default 5s, 30s, 2m, 10m, 30m, 1h, 2h, 3h, 5h, 6h, 6h: 12 attempts over about 24 h.
   */
  retrySchedule: number[];
  /** Actual wait for a nominal one; default full jitter, uniform in [0, 2 x nominal), so the mean is the schedule. */
  jitter: (nominalMs: number) => number;
  /**
   * An endpoint is disabled when every attempt has failed for at least this long (default 5 days, as Svix)
   * and at least disableMinFailures attempts in a row failed (so one stale failure plus a new one does not count).
   * A burst of failures during a short outage never disables: only time does.
   */
  disableAfterMs: number;
  disableMinFailures: number;
  /** How long a rotated-out secret still signs (webhook-signature carries both). */
  secretGraceMs: number;
  /** Delivered and dead deliveries older than this are pruned from the log. */
  retentionMs: number;
  /**
   * Events held for an inactive endpoint: only the newest heldMaxPerEndpoint, none older than heldMaxAgeMs, so a
   * forgotten paused endpoint cannot grow the database without limit (enforced by the worker's prune pass).
   */
  heldMaxPerEndpoint: number;
  heldMaxAgeMs: number;
  /** DNS lookup used at delivery time (tests inject names that resolve to private addresses). */
  resolver: Resolver;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  timeoutMs: 10 * SECOND,
  concurrency: 64,
  perEndpointConcurrency: 16,
  retrySchedule: [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 5 * HOUR, 6 * HOUR, 6 * HOUR],
  jitter: (nominal) => crypto.randomInt(0, Math.max(1, Math.floor(2 * nominal))),
  disableAfterMs: 5 * DAY,
  disableMinFailures: 20,
  secretGraceMs: DAY,
  retentionMs: 30 * DAY,
  heldMaxPerEndpoint: 10_000,
  heldMaxAgeMs: 30 * DAY,
  resolver: systemResolver,
};
