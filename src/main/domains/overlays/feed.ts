import type { BusEvent } from '../../../shared/events.js';
import { OVERLAY_STREAMS } from '../../../shared/contract/overlays.js';

/** Events that change what a page's `state` holds beyond its own events: answered with a fresh state. */
export const STATE_CHANGES = new Set<string>(['accounts.switched', 'settings.updated']);
const KEPT = new Set<string>([...Object.values(OVERLAY_STREAMS).flat(), ...STATE_CHANGES]);

/**
 * The recent events the overlays use, so a page that reconnects gets what it missed (a winner drawn while it was
 * away). Bounded by count only: a page whose id is no longer kept starts over from a fresh state, which is exact,
 * so only chat lines older than the last `size` overlay events can be missed, never an entry or a draw.
 */
export class OverlayFeed {
  private events: BusEvent[] = [];

  constructor(private size = 1000) {}

  record(e: BusEvent): void {
    if (!KEPT.has(e.type)) return;
    this.events.push(e);
    // Trimmed in batches: one copy per `size` events instead of a shift per event.
    if (this.events.length >= this.size * 2) this.events = this.events.slice(-this.size);
  }

  /** The kept events after `id`, oldest first; null when it is not kept (never was, or too old). */
  after(id: string): BusEvent[] | null {
    const from = Math.max(0, this.events.length - this.size);
    for (let i = this.events.length - 1; i >= from; i--) if (this.events[i]!.id === id) return this.events.slice(i + 1);
    return null;
  }

  latestId(): string | null {
    return this.events.at(-1)?.id ?? null;
  }
}
