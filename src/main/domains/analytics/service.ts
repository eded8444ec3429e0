import type { Clock } from '../../kernel/clock.js';
import { DAY_MS as DAY, HOUR_MS as HOUR, type ChatEventStore } from './store.js';
import type { Period } from './schema.js';

/** The chat event log as other domains see it: the bot records every line, chat history reads and searches them. */
export type ChatEventLog = Pick<ChatEventStore, 'record' | 'recent' | 'history'>;

const PERIOD_MS: Record<Exclude<Period, 'all' | 'today'>, number> = { day: DAY, week: 7 * DAY, month: 30 * DAY };

/**
 * Percent of `total` per part, to one decimal, summing to exactly 100 when total > 0 (largest remainder:
 * every part is rounded down to a tenth, then the tenths left go to the parts that lost the most; ties go to
 * the earlier part). All zeros when total is 0.
 */
export function percentages<K extends string>(parts: Record<K, number>, total: number): Record<K, number> {
  const keys = Object.keys(parts) as K[];
  const out = {} as Record<K, number>;
  if (total <= 0) {
    for (const k of keys) out[k] = 0;
    return out;
  }
  const exact = keys.map((k) => (parts[k] / total) * 1000);
  const tenths = exact.map((x) => Math.floor(x));
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const order = keys.map((_, i) => i).sort((a, b) => exact[b]! - tenths[b]! - (exact[a]! - tenths[a]!) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    tenths[i]!++;
    left--;
  }
  keys.forEach((k, i) => (out[k] = tenths[i]! / 10));
  return out;
}

/** Summaries are served from a cache this young; dashboards and integrations poll, chat moves on. */
const CACHE_MS = 1000;

export class AnalyticsService {
  private cache = new Map<string, { at: number; value: ReturnType<AnalyticsService['compute']> }>();

  constructor(
    private events: ChatEventStore,
    private clock: Clock,
  ) {}

  summary(accountId: string, period: Period, utcOffsetMinutes = 0) {
    const key = `${accountId}|${period}|${period === 'today' ? utcOffsetMinutes : 0}`;
    // Wall-clock monotonic time, not the injected clock: this is a cache, not domain time.
    const now = performance.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.value;
    const value = this.compute(accountId, period, utcOffsetMinutes);
    this.cache.set(key, { at: now, value });
    return value;
  }

  /** Where a period starts; `today` at the caller's midnight (minutes east of UTC). */
  private since(period: Period, utcOffsetMinutes = 0): number {
    const now = this.clock.now();
    if (period === 'all') return 0;
    if (period === 'today') {
      const off = utcOffsetMinutes * 60_000;
      return Math.floor((now + off) / DAY) * DAY - off;
    }
    return now - PERIOD_MS[period];
  }

  private compute(accountId: string, period: Period, utcOffsetMinutes: number) {
    const since = this.since(period, utcOffsetMinutes);
    const byCause = this.events.sentByCause(accountId, since);
    const get = (c: Parameters<typeof byCause.get>[0]) => byCause.get(c) ?? 0;
    const totalMessages = [...byCause.values()].reduce((a, b) => a + b, 0);
    const welcomeMessages = get('welcome');
    const faqReplies = get('faq');
    const timerMessages = get('timer');
    const commandReplies = get('command');
    const apiMessages = get('api');
    const received = this.events.received(accountId, since);
    const otherMessages = totalMessages - welcomeMessages - faqReplies - timerMessages - commandReplies - apiMessages;
    return {
      totalMessages,
      welcomeMessages,
      faqReplies,
      timerMessages,
      commandReplies,
      apiMessages,
      otherMessages,
      messagesReceived: received.n,
      uniqueChatters: received.chatters,
      period,
      since: period === 'all' ? null : new Date(since).toISOString(),
      // Every category, so the percentages add up to 100 like the reference's (its three keys first).
      breakdown: percentages(
        { welcome: welcomeMessages, faq: faqReplies, timer: timerMessages, command: commandReplies, api: apiMessages, other: otherMessages },
        totalMessages,
      ),
    };
  }

  /**
   * Chat activity over the period in at most ~90 buckets: hours for a day, 6 hours for a week, days (or whole
   * weeks for a long history) beyond; zero-filled, so a chart shows quiet stretches as such.
   */
  timeline(accountId: string, period: Period, utcOffsetMinutes: number) {
    const now = this.clock.now();
    const first = this.events.firstLineAt(accountId);
    const since = period === 'all' ? (first ?? now) : this.since(period, utcOffsetMinutes);
    const span = Math.max(now - since, HOUR);
    const bucketMs = period === 'day' || period === 'today' ? HOUR : period === 'week' ? 6 * HOUR : Math.max(1, Math.ceil(span / (90 * DAY))) * DAY;
    const off = utcOffsetMinutes * 60_000;
    const align = (t: number) => Math.floor((t + off) / bucketMs) * bucketMs - off;
    const counts = new Map<number, { received: number; sent: number }>();
    for (const r of this.events.timeline(accountId, since, bucketMs, off)) {
      const c = counts.get(r.bucket) ?? { received: 0, sent: 0 };
      c[r.direction] += r.n;
      counts.set(r.bucket, c);
    }
    const buckets = [];
    for (let t = align(since); t <= now; t += bucketMs) {
      const c = counts.get(t) ?? { received: 0, sent: 0 };
      buckets.push({ start: new Date(t).toISOString(), ...c });
    }
    return { period, bucketMinutes: bucketMs / 60_000, buckets };
  }

  topChatters(accountId: string, period: Period, limit: number, utcOffsetMinutes = 0) {
    return {
      chatters: this.events.topChatters(accountId, this.since(period, utcOffsetMinutes), limit).map((r) => ({
        username: r.username,
        messages: r.messages,
        lastMessageAt: new Date(r.lastAt).toISOString(),
      })),
    };
  }

  faqTriggers(accountId: string, period: Period, limit: number, utcOffsetMinutes = 0) {
    return { triggers: this.events.topTriggers(accountId, this.since(period, utcOffsetMinutes), limit) };
  }
}
