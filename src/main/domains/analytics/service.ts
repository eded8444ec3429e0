import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../http/errors.js';
import { DAY_MS as DAY, HOUR_MS as HOUR, type Cause, type ChatEventStore } from './store.js';
import type { Period } from './schema.js';
import type { ChatWindow, ChatWindowStore } from './window-store.js';

/** What analytics needs of the shows domain (set by the composition root when shows are part of the app). */
export interface ShowLookup {
  get(id: string): { id: string; accountId: string; startedAt: string; endedAt: string | null };
}

/** A show's time window: from its start to its end (now while it runs). */
export type ShowWindow = ChatWindow & { showId: string; running: boolean };

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
  private shows: ShowLookup | null = null;

  constructor(
    private events: ChatEventStore,
    private clock: Clock,
    private windows: ChatWindowStore,
  ) {}

  /** Lets `?show=` find shows (the shows domain is built after analytics). */
  useShows(lookup: ShowLookup): void {
    this.shows = lookup;
  }

  /** A show's window; NOT_FOUND for an unknown show, or one of another account than `accountId` (when given). */
  showWindow(showId: string, accountId?: string): ShowWindow {
    let show: ReturnType<ShowLookup['get']> | null;
    try {
      show = this.shows?.get(showId) ?? null;
    } catch {
      show = null;
    }
    if (!show || (accountId !== undefined && show.accountId !== accountId)) throw notFound(`Show ${showId}`);
    const until = show.endedAt === null ? this.clock.now() + 1 : Date.parse(show.endedAt) + 1;
    return { showId: show.id, accountId: show.accountId, since: Date.parse(show.startedAt), until, running: show.endedAt === null };
  }

  summary(accountId: string, period: Period, utcOffsetMinutes = 0, show?: ShowWindow) {
    const key = show ? `show|${show.showId}` : `${accountId}|${period}|${period === 'today' ? utcOffsetMinutes : 0}`;
    // Wall-clock monotonic time, not the injected clock: this is a cache, not domain time.
    const now = performance.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < CACHE_MS && hit.value.period === period) return hit.value;
    const value = show ? this.computeShow(show, period) : this.compute(accountId, period, utcOffsetMinutes);
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
    const figures = this.figures(this.events.sentByCause(accountId, since), this.events.received(accountId, since));
    return {
      ...figures,
      period,
      since: period === 'all' ? null : new Date(since).toISOString(),
      until: null as string | null,
      show: null as string | null,
    };
  }

  private computeShow(w: ShowWindow, period: Period) {
    const figures = this.figures(this.windows.sentByCause(w), this.windows.received(w));
    return {
      ...figures,
      period,
      since: new Date(w.since).toISOString(),
      until: w.running ? null : new Date(w.until - 1).toISOString(),
      show: w.showId,
    };
  }

  private figures(byCause: Map<Cause | null, number>, received: { n: number; chatters: number }) {
    const get = (c: Parameters<typeof byCause.get>[0]) => byCause.get(c) ?? 0;
    const totalMessages = [...byCause.values()].reduce((a, b) => a + b, 0);
    const welcomeMessages = get('welcome');
    const faqReplies = get('faq');
    const timerMessages = get('timer');
    const commandReplies = get('command');
    const apiMessages = get('api');
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
  timeline(accountId: string, period: Period, utcOffsetMinutes: number, show?: ShowWindow) {
    if (show) return this.showTimeline(show, period, utcOffsetMinutes);
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

  /** A show's chat in buckets of 5 minutes (up to 2 hours), 15 minutes (up to 8 hours), else hours. */
  private showTimeline(w: ShowWindow, period: Period, utcOffsetMinutes: number) {
    const span = w.until - w.since;
    const bucketMs = span <= 2 * HOUR ? 5 * 60_000 : span <= 8 * HOUR ? 15 * 60_000 : HOUR;
    const off = utcOffsetMinutes * 60_000;
    const counts = new Map<number, { received: number; sent: number }>();
    for (const r of this.windows.timeline(w, bucketMs, off)) {
      const c = counts.get(r.bucket) ?? { received: 0, sent: 0 };
      c[r.direction] += r.n;
      counts.set(r.bucket, c);
    }
    const buckets = [];
    for (let t = Math.floor((w.since + off) / bucketMs) * bucketMs - off; t < w.until; t += bucketMs) {
      buckets.push({ start: new Date(t).toISOString(), ...(counts.get(t) ?? { received: 0, sent: 0 }) });
    }
    return { period, bucketMinutes: bucketMs / 60_000, buckets };
  }

  topChatters(accountId: string, period: Period, limit: number, utcOffsetMinutes = 0, show?: ShowWindow) {
    const rows = show ? this.windows.topChatters(show, limit) : this.events.topChatters(accountId, this.since(period, utcOffsetMinutes), limit);
    return {
      chatters: rows.map((r) => ({
        username: r.username,
        messages: r.messages,
        lastMessageAt: new Date(r.lastAt).toISOString(),
      })),
    };
  }

  faqTriggers(accountId: string, period: Period, limit: number, utcOffsetMinutes = 0, show?: ShowWindow) {
    return {
      triggers: show ? this.windows.topTriggers(show, limit) : this.events.topTriggers(accountId, this.since(period, utcOffsetMinutes), limit),
    };
  }
}
