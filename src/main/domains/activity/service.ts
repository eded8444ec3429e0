import { ACTIVITY_KEPT, ACTIVITY_TYPES, type ActivityEvent, type ActivityView } from '../../../shared/contract/activity.js';
import type { BusEvent } from '../../kernel/events/bus.js';
import type { ActivityStore } from './store.js';

const LOGGED = new Set<string>(ACTIVITY_TYPES);
/** Pruning runs once per this many inserts, not on every one. */
const PRUNE_EVERY = 100;

/**
 * Writes the feed's events to the log as they are published. The chat driver publishes chat.status on every
 * change of its snapshot (the LIVE badge, a reattach after a page reload): only a change of `connected` is
 * activity, so the log keeps those alone and a dashboard opened later does not see a "connected" per reload.
 */
export class ActivityService {
  private seq: number;
  private connected = new Map<string, boolean>();
  private sincePrune = 0;

  constructor(private store: ActivityStore) {
    this.seq = store.maxSeq();
  }

  /** Bus subscriber: runs inside the publisher's transaction, so the row commits with what caused it. */
  record = (e: BusEvent): void => {
    if (!LOGGED.has(e.type)) return;
    if (e.type === 'chat.status') {
      if (!e.accountId) return;
      const now = (e.data as { connected?: unknown }).connected === true;
      const before = this.lastConnected(e.accountId);
      // Never connected yet and still not: nothing happened.
      if (now === (before ?? false)) return;
      this.connected.set(e.accountId, now);
    }
    this.store.insert({
      id: e.id,
      seq: ++this.seq,
      type: e.type,
      accountId: e.accountId,
      data: e.type === 'chat.status' ? statusData(e.data) : e.data,
      at: Date.parse(e.timestamp),
    });
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      this.store.prune(this.seq - ACTIVITY_KEPT);
    }
  };

  list(accountId: string, limit: number): ActivityView {
    const events = this.store.list(accountId, limit).map((r): ActivityEvent => ({
      id: r.id,
      type: r.type as ActivityEvent['type'],
      timestamp: new Date(r.created_at).toISOString(),
      accountId: r.account_id,
      data: JSON.parse(r.data),
    }));
    return { events, chatConnected: this.lastConnected(accountId) };
  }

  private lastConnected(accountId: string): boolean | null {
    if (!this.connected.has(accountId)) {
      const last = this.store.lastChatStatus(accountId);
      if (!last) return null;
      this.connected.set(accountId, last.connected === true);
    }
    return this.connected.get(accountId)!;
  }
}

/** A status snapshot carries selector health and more; the feed needs the transition and where. */
function statusData(d: unknown): Record<string, unknown> {
  const s = d as Record<string, unknown>;
  return {
    accountId: s.accountId,
    connected: s.connected === true,
    live: s.live === true,
    platform: s.platform ?? null,
    url: s.url ?? null,
    lastError: s.lastError ?? null,
  };
}
