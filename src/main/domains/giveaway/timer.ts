import type { Clock } from '../../kernel/clock.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { SettingsService } from '../settings/service.js';
import type { GiveawayStatusView, OpenGiveawayInput } from './schema.js';

interface Deadline {
  /** The closesAt (ISO) this state is about; a new closing time starts afresh. */
  closesAt: string;
  /** When this process first saw that closing time ahead of it; null when it was already past. */
  seenAt: number | null;
  /** due until its moment; none when the window was too short for one (or already past). */
  lastCall: 'due' | 'sent' | 'none';
  closed: boolean;
}

export interface GiveawayTimerDeps {
  clock: Clock;
  events: EventPublisher;
  settings: SettingsService;
  entryCount(accountId: string): number;
  clear(accountId: string): unknown;
}

/**
 * The giveaway's entry window as the seller runs it live: open (now, for a duration or until closed), close,
 * and the two moments a deadline brings, published once each: `giveaway.closing` lastCallSeconds before
 * closesAt (the last call) and `giveaway.closed` at closesAt. The window itself is settings.giveaway.opensAt /
 * closesAt, so the bot's entry check and every other reader see the same thing. A closing time this process
 * never saw ahead of it (set in the past, or passed while the app was stopped) is not announced late.
 */
export class GiveawayTimer {
  private deadlines = new Map<string, Deadline>();

  constructor(private d: GiveawayTimerDeps) {}

  open(accountId: string, input: OpenGiveawayInput): GiveawayStatusView {
    if (input.newRound) this.d.clear(accountId);
    const now = this.d.clock.now();
    const opensAt = new Date(now).toISOString();
    const closesAt = input.durationSeconds ? new Date(now + input.durationSeconds * 1000).toISOString() : null;
    const g = this.d.settings.update(accountId, {
      giveaway: { enabled: true, opensAt, closesAt, ...(input.keyword !== undefined && { keyword: input.keyword }) },
    }).giveaway;
    if (closesAt) this.deadlines.set(accountId, { closesAt, seenAt: now, lastCall: 'due', closed: false });
    else this.deadlines.delete(accountId);
    this.d.events.emit('giveaway.opened', accountId, { accountId, keyword: g.keyword, opensAt, closesAt });
    return this.status(accountId);
  }

  /** Closes entries now; closing a giveaway that is not open changes nothing and announces nothing. */
  close(accountId: string): GiveawayStatusView {
    const now = this.d.clock.now();
    const state = this.status(accountId).state;
    if (state !== 'open' && state !== 'scheduled') return this.status(accountId);
    const closedAt = new Date(now).toISOString();
    this.d.settings.update(accountId, { giveaway: { closesAt: closedAt } });
    const before = this.deadlines.get(accountId);
    this.deadlines.set(accountId, { closesAt: closedAt, seenAt: null, lastCall: before?.lastCall === 'sent' ? 'sent' : 'none', closed: true });
    this.d.events.emit('giveaway.closed', accountId, { accountId, closedAt, reason: 'manual', entries: this.d.entryCount(accountId) });
    return this.status(accountId);
  }

  /** One step of the clock for an account: the last call and the closing, each once per closing time. */
  tick(accountId: string): void {
    const g = this.d.settings.get(accountId).giveaway;
    if (!g.enabled || g.closesAt === null) return;
    const now = this.d.clock.now();
    const closes = Date.parse(g.closesAt);
    let dl = this.deadlines.get(accountId);
    if (!dl || dl.closesAt !== g.closesAt) {
      const ahead = closes > now;
      dl = { closesAt: g.closesAt, seenAt: ahead ? now : null, lastCall: ahead ? 'due' : 'none', closed: !ahead };
      this.deadlines.set(accountId, dl);
    }
    if (dl.closed) return;
    const lastCallAt = closes - g.lastCallSeconds * 1000;
    // A window shorter than the last call gets none: "last call" right after "open" would say nothing new.
    if (dl.lastCall === 'due' && now >= lastCallAt && now < closes) {
      dl.lastCall = dl.seenAt !== null && dl.seenAt < lastCallAt ? 'sent' : 'none';
      if (dl.lastCall === 'sent') {
        this.d.events.emit('giveaway.closing', accountId, {
          accountId,
          keyword: g.keyword,
          closesAt: g.closesAt,
          secondsLeft: Math.ceil((closes - now) / 1000),
        });
      }
    }
    if (now >= closes) {
      if (dl.lastCall === 'due') dl.lastCall = 'none';
      dl.closed = true;
      this.d.events.emit('giveaway.closed', accountId, { accountId, closedAt: g.closesAt, reason: 'timer', entries: this.d.entryCount(accountId) });
    }
  }

  status(accountId: string): GiveawayStatusView {
    const g = this.d.settings.get(accountId).giveaway;
    const now = this.d.clock.now();
    const opens = g.opensAt === null ? null : Date.parse(g.opensAt);
    const closes = g.closesAt === null ? null : Date.parse(g.closesAt);
    const state = !g.enabled ? 'off' : closes !== null && now >= closes ? 'closed' : opens !== null && now < opens ? 'scheduled' : 'open';
    const dl = this.deadlines.get(accountId);
    const lastCallAt = closes !== null && g.announceLastCall ? new Date(closes - g.lastCallSeconds * 1000).toISOString() : null;
    return {
      state,
      keyword: g.keyword,
      opensAt: g.opensAt,
      closesAt: g.closesAt,
      secondsLeft: closes !== null && state === 'open' ? Math.max(0, Math.ceil((closes - now) / 1000)) : null,
      lastCallAt,
      lastCallSent: dl?.lastCall === 'sent',
      entries: this.d.entryCount(accountId),
    };
  }
}
