import { usernameKey } from '../../../shared/usernames.js';
import type { Clock } from '../../kernel/clock.js';
import type { BusEvent } from '../../kernel/events/bus.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import { newId } from '../../kernel/ids.js';
import type { Logger } from '../../kernel/logger.js';
import { notFound } from '../../http/errors.js';
import type { ChatWireEvent } from '../chat/types.js';
import type { ShowStats, ShowView, StreamEvent } from './schema.js';
import { countStreamEvent, emptyStats, parseStats } from './stats.js';
import type { ShowRow, ShowStore } from './store.js';

export interface ShowOptions {
  /** A chat that drops (crash, reload, network) and comes back within this keeps its show going. */
  disconnectGraceMs: number;
  /** Running figures reach the database at least this often (and at every end). */
  saveEveryMs: number;
}

export const DEFAULT_SHOW_OPTIONS: ShowOptions = { disconnectGraceMs: 5 * 60_000, saveEveryMs: 5000 };

/** One account's running show: the row, the figures counted in memory since start, chatters not yet saved. */
interface Running {
  row: ShowRow;
  stats: ShowStats;
  chatters: Set<string>;
  unsaved: Set<string>;
  dirty: boolean;
  live: boolean;
  /** When the chat went away (the show ends there if it does not come back within the grace period). */
  disconnectedAt: number | null;
}

const LIVE = /\b(live|playing|active|started|running)\b/i;
const ENDED = /\b(end|ended|over|finished|offline|stopped|cancel+ed)\b/i;

/**
 * Knows when a show runs and counts what happens in it. A show starts when the chat connects or its page goes
 * live, and ends when the page says the show ended, or when the chat has stayed disconnected past a grace
 * period (a reload or a browser restart does not end a show). Figures are counted from the bus (lines, sends,
 * giveaway entries and draws) and from the platform's data stream (tips, raids, its giveaways, sales).
 */
export class ShowService {
  private running = new Map<string, Running>();
  private saver: NodeJS.Timeout | null = null;

  constructor(
    private store: ShowStore,
    private clock: Clock,
    private events: EventPublisher,
    private logger: Logger,
    private o: ShowOptions = DEFAULT_SHOW_OPTIONS,
  ) {}

  start(): void {
    // Shows left open by a crash end at their last save: nothing is known after it.
    for (const row of this.store.allOpen()) this.store.end(row.id, row.updated_at, 'app-stopped', parseStats(row.stats));
    this.saver = setInterval(() => this.tick(), this.o.saveEveryMs);
    this.saver.unref();
  }

  stop(): void {
    if (this.saver) clearInterval(this.saver);
    this.saver = null;
    const now = this.clock.now();
    for (const r of [...this.running.values()]) this.end(r, now, 'app-stopped');
  }

  // --- what happens ------------------------------------------------------------------------------

  /** The bus: chat status (start/end), chat lines, sends, giveaway entries and draws. */
  onBusEvent(e: BusEvent): void {
    const accountId = e.accountId;
    if (!accountId) return;
    if (e.type === 'chat.status') {
      const d = e.data;
      this.onStatus(accountId, d.connected, d.live, d.platform, d.url);
      return;
    }
    const r = this.running.get(accountId);
    if (!r) return;
    switch (e.type) {
      case 'chat.message': {
        const l = e.data;
        if (l.self || l.history) return;
        if (l.kind === 'join') r.stats.joins++;
        else {
          r.stats.messages++;
          const key = usernameKey(l.username);
          if (key && !r.chatters.has(key)) {
            r.chatters.add(key);
            r.unsaved.add(key);
            r.stats.chatters = r.chatters.size;
          }
        }
        break;
      }
      case 'message.sent':
        r.stats.botMessages++;
        if (e.data.cause === 'faq') r.stats.faqAnswers++;
        if (e.data.cause === 'welcome') r.stats.welcomes++;
        break;
      case 'giveaway.entry':
        r.stats.giveawayEntries++;
        break;
      case 'giveaway.winner':
        r.stats.winnersDrawn += e.data.winners.length;
        break;
      default:
        return;
    }
    r.dirty = true;
  }

  /** The platform's data stream: stored, counted and published as show/stream events. */
  onWireEvent(w: ChatWireEvent): void {
    const e = w.event;
    const r = this.running.get(w.accountId);
    if (e.type === 'viewers') {
      if (r && (r.stats.peakViewers === null || e.count > r.stats.peakViewers)) {
        r.stats.peakViewers = e.count;
        r.dirty = true;
      }
      this.events.emit('stream.viewers', w.accountId, { accountId: w.accountId, count: e.count });
      return;
    }
    if (e.type === 'stream') {
      if (r && e.title && e.title !== r.row.title) {
        r.row.title = e.title;
        r.dirty = true;
      }
      if (ENDED.test(e.status)) this.onPageLive(w.accountId, false, w.platform);
      else if (LIVE.test(e.status)) this.onPageLive(w.accountId, true, w.platform);
      return;
    }
    const stream = toStreamEvent(e);
    if (!stream) return;
    const at = this.clock.now();
    const showId = r?.row.id ?? null;
    this.store.addEvent(w.accountId, showId, stream, at);
    if (r) {
      countStreamEvent(r.stats, stream);
      r.dirty = true;
    }
    const base = { accountId: w.accountId, showId, platform: w.platform, at: new Date(at).toISOString() };
    if (stream.type === 'tip') this.events.emit('stream.tip', w.accountId, { ...base, ...stream });
    else if (stream.type === 'raid') this.events.emit('stream.raid', w.accountId, { ...base, ...stream });
    else if (stream.type === 'giveaway') this.events.emit('stream.giveaway', w.accountId, { ...base, ...stream });
    else this.events.emit('stream.product', w.accountId, { ...base, ...stream });
  }

  private onStatus(accountId: string, connected: boolean, live: boolean, platform: string, url: string | null): void {
    const now = this.clock.now();
    let r = this.running.get(accountId);
    if (connected) {
      if (r) r.disconnectedAt = null;
      // The page said the show ended (LIVE badge gone) while the chat stays open: that show is over.
      if (r && r.live && !live) {
        this.end(r, now, 'ended');
        return;
      }
      if (!r) r = this.begin(accountId, platform, url, now);
      r.live = r.live || live;
      return;
    }
    if (r && r.disconnectedAt === null) r.disconnectedAt = now;
  }

  /** The data stream's own live/ended state, for sites whose page shows none. */
  private onPageLive(accountId: string, live: boolean, platform: string): void {
    const r = this.running.get(accountId);
    if (live) {
      if (!r) this.begin(accountId, platform, null, this.clock.now()).live = true;
      else r.live = true;
    } else if (r) this.end(r, this.clock.now(), 'ended');
  }

  private begin(accountId: string, platform: string, url: string | null, now: number): Running {
    const row: ShowRow = {
      id: newId('show'),
      account_id: accountId,
      platform,
      title: null,
      url,
      started_at: now,
      ended_at: null,
      end_reason: null,
      stats: '{}',
      updated_at: now,
    };
    const stats = emptyStats();
    this.store.insert({ id: row.id, accountId, platform, title: null, url, startedAt: now, stats });
    const r: Running = { row, stats, chatters: new Set(), unsaved: new Set(), dirty: false, live: false, disconnectedAt: null };
    this.running.set(accountId, r);
    this.events.emit('show.started', accountId, { accountId, showId: row.id, platform, title: null, startedAt: new Date(now).toISOString() });
    return r;
  }

  private end(r: Running, at: number, reason: 'ended' | 'disconnected' | 'app-stopped' | 'switched'): void {
    if (this.running.get(r.row.account_id) === r) this.running.delete(r.row.account_id);
    try {
      this.store.save(r.row.id, r.stats, r.unsaved, this.clock.now(), r.row.title);
      this.store.end(r.row.id, at, reason, r.stats);
    } catch (err) {
      this.logger.error(`Could not save the end of show ${r.row.id}:`, err);
      return;
    }
    r.row.ended_at = at;
    r.row.end_reason = reason;
    this.events.emit('show.ended', r.row.account_id, {
      accountId: r.row.account_id,
      showId: r.row.id,
      platform: r.row.platform,
      startedAt: new Date(r.row.started_at).toISOString(),
      endedAt: new Date(at).toISOString(),
      endReason: reason,
      stats: r.stats,
    });
  }

  /** Ends shows whose chat stayed away past the grace period, and saves the running figures. */
  tick(): void {
    const now = this.clock.now();
    for (const r of [...this.running.values()]) {
      if (r.disconnectedAt !== null && now - r.disconnectedAt >= this.o.disconnectGraceMs) this.end(r, r.disconnectedAt, 'disconnected');
    }
    for (const r of this.running.values()) {
      if (!r.dirty) continue;
      try {
        this.store.save(r.row.id, r.stats, r.unsaved, now, r.row.title);
        r.unsaved.clear();
        r.dirty = false;
      } catch (err) {
        // Kept dirty: the next save tries again (a full disk may free up).
        this.logger.error(`Could not save the figures of show ${r.row.id}:`, err);
      }
    }
  }

  // --- reading -----------------------------------------------------------------------------------

  current(accountId: string): ShowView | null {
    const r = this.running.get(accountId);
    return r ? this.view(r.row, r.stats) : null;
  }

  list(accountId: string, limit: number): ShowView[] {
    return this.store.list(accountId, limit).map((row) => this.view(row));
  }

  get(id: string): ShowView {
    const row = this.store.byId(id);
    if (!row) throw notFound(`Show ${id}`);
    return this.view(row);
  }

  streamEvents(id: string, limit: number) {
    this.get(id);
    return this.store.events(id, limit).map((e) => ({
      id: e.id,
      showId: e.show_id,
      at: new Date(e.created_at).toISOString(),
      event: JSON.parse(e.data) as StreamEvent,
    }));
  }

  private view(row: ShowRow, live?: ShowStats): ShowView {
    const running = this.running.get(row.account_id);
    const stats = live ?? (running?.row.id === row.id ? running.stats : parseStats(row.stats));
    return {
      id: row.id,
      accountId: row.account_id,
      platform: row.platform,
      title: running?.row.id === row.id ? running.row.title : row.title,
      url: row.url,
      startedAt: new Date(row.started_at).toISOString(),
      endedAt: row.ended_at === null ? null : new Date(row.ended_at).toISOString(),
      endReason: row.end_reason as ShowView['endReason'],
      stats,
    };
  }
}

/** The stream events worth keeping: the frequent updates (entry counts, bids, listings edited) are not stored. */
function toStreamEvent(e: ChatWireEvent['event']): StreamEvent | null {
  switch (e.type) {
    case 'tip':
      return {
        type: 'tip',
        username: e.username,
        amount: e.amount,
        currency: e.currency,
        text: e.text,
        ...(e.variant !== undefined && { variant: e.variant }),
        ...(e.quantity !== undefined && { quantity: e.quantity }),
      };
    case 'raid':
      // Whatnot announces an outgoing raid when the host picks the target and again when it starts: keep one.
      if (e.stage === 'selected') return null;
      return { type: 'raid', direction: e.direction ?? 'incoming', fromUsername: e.fromUsername, toUsername: e.toUsername, viewers: e.viewers };
    case 'giveaway':
      if (e.phase === 'entries') return null;
      return { type: 'giveaway', phase: e.phase, giveawayId: e.giveawayId, title: e.title, entryCount: e.entryCount, winner: e.winner };
    case 'product':
      if (e.action === 'updated') return null;
      return { type: 'product', action: e.action, productId: e.productId, title: e.title, price: e.price, currency: e.currency, buyer: e.buyer };
    default:
      return null;
  }
}
