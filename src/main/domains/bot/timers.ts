import type { TimerMessage } from '../settings/schema.js';
import { send, type SendAction } from './actions.js';
import type { Budget } from './budget.js';
import { messageList, render, Rotation } from './text.js';
import type { TemplateVars } from './text.js';

/** Timers hold back while this many messages already wait in the send queue (throttled there). */
export const TIMER_BACKLOG_LIMIT = 3;
/**
 * A LIVE badge missing for less than this is a page reload or re-render, not the show ending: the timers
 * keep their schedule. Longer, and going live again starts every interval afresh.
 */
export const OFFLINE_GRACE_MS = 120_000;

interface TimerState {
  id: string;
  intervalMs: number;
  jitter: number;
  dueAt: number;
  linesSince: number;
  rotation: Rotation;
}

export interface TimerTickContext {
  live: boolean;
  /** Messages already waiting in the send queue, when known. */
  queued?: number;
}

/**
 * Interval posts. State lives here, keyed by timer id, so page re-renders and reloads (which only
 * touch the driver) never reset it, and editing one timer keeps the others' schedules.
 * A timer posts when its (jittered) interval has passed AND enough chat lines arrived since its
 * last post, only while the stream is live. A due timer that cannot post because the send queue
 * is backed up or the per-minute budget is spent stays due: delayed, never dropped. At most one
 * timer posts per tick, the most overdue first.
 */
export class TimerScheduler {
  private state = new Map<string, TimerState>();
  private timers: TimerMessage[] = [];
  private idle = true;
  private offlineSince: number | null = null;

  constructor(private random: () => number) {}

  configure(timers: readonly TimerMessage[], now: number): void {
    this.timers = timers.filter((t) => t.enabled);
    const next = new Map<string, TimerState>();
    this.timers.forEach((t, i) => {
      const id = t.id ?? `tmr_${i}`;
      const intervalMs = t.intervalMinutes * 60_000;
      const old = this.state.get(id);
      if (old && old.intervalMs === intervalMs && old.jitter === t.jitterPercent) next.set(id, old);
      else
        next.set(id, {
          id,
          intervalMs,
          jitter: t.jitterPercent,
          dueAt: now + this.interval(intervalMs, t.jitterPercent),
          linesSince: old?.linesSince ?? 0,
          rotation: old?.rotation ?? new Rotation(),
        });
    });
    this.state = next;
  }

  /** A new stream session: every timer starts a fresh interval when the stream is next live. */
  reset(): void {
    this.idle = true;
  }

  /** A viewer's chat line (not self, not history). */
  onChatLine(): void {
    for (const st of this.state.values()) st.linesSince++;
  }

  /** When the timer is next due (epoch ms), for diagnostics and tests. */
  dueAt(id: string): number | undefined {
    return this.state.get(id)?.dueAt;
  }

  tick(now: number, ctx: TimerTickContext, budget: Budget, vars: TemplateVars): SendAction | null {
    if (!ctx.live) {
      this.offlineSince ??= now;
      return null;
    }
    const wasOffline = this.offlineSince;
    this.offlineSince = null;
    if (this.idle || (wasOffline !== null && now - wasOffline >= OFFLINE_GRACE_MS)) {
      // Going live (or back live after a real pause): start counting from now rather than firing every overdue timer at once.
      this.idle = false;
      for (const st of this.state.values()) st.dueAt = now + this.interval(st.intervalMs, st.jitter);
      return null;
    }
    let pick: { t: TimerMessage; st: TimerState } | undefined;
    this.timers.forEach((t, i) => {
      const st = this.state.get(t.id ?? `tmr_${i}`)!;
      if (now < st.dueAt || st.linesSince < t.minChatLines) return;
      if (!pick || st.dueAt < pick.st.dueAt) pick = { t, st };
    });
    if (!pick) return null;
    if ((ctx.queued ?? 0) >= TIMER_BACKLOG_LIMIT || !budget.allows(now)) return null;
    const { t, st } = pick;
    const text = st.rotation.pick(messageList(t.message, t.messages))!;
    st.linesSince = 0;
    st.dueAt = now + this.interval(st.intervalMs, st.jitter);
    budget.spend(now);
    return send(render(text, vars), 'timer');
  }

  /** interval x (1 +/- jitter%), uniformly. */
  private interval(ms: number, jitterPercent: number): number {
    return Math.round(ms * (1 + (this.random() * 2 - 1) * (jitterPercent / 100)));
  }
}
