import type { BusEvent } from '../../../shared/events.js';
import type { Clock } from '../../kernel/clock.js';

export interface EventHistoryOptions {
  /** Events kept at most. */
  size: number;
  /** Events older than this are not replayed. */
  maxAgeMs: number;
}

export const DEFAULT_EVENT_HISTORY: EventHistoryOptions = { size: 1000, maxAgeMs: 10 * 60_000 };

/**
 * The recent bus events in a bounded ring, so a live-stream client that reconnects (Last-Event-ID) gets what
 * it missed: a winner drawn during a dropped connection still reaches the overlay.
 */
export class EventHistory {
  private ring: ({ event: BusEvent; at: number } | undefined)[];
  /** Index the next event is written to; the ring is full once `count` reaches its size. */
  private next = 0;
  private count = 0;

  constructor(
    private clock: Clock,
    private options: EventHistoryOptions = DEFAULT_EVENT_HISTORY,
  ) {
    this.ring = new Array(Math.max(1, options.size));
  }

  record(event: BusEvent): void {
    this.ring[this.next] = { event, at: this.clock.now() };
    this.next = (this.next + 1) % this.ring.length;
    this.count = Math.min(this.count + 1, this.ring.length);
  }

  /** Events still kept, oldest first. */
  private kept(): BusEvent[] {
    const out: BusEvent[] = [];
    const oldest = this.clock.now() - this.options.maxAgeMs;
    for (let i = 0; i < this.count; i++) {
      const slot = this.ring[(this.next - this.count + i + this.ring.length) % this.ring.length]!;
      if (slot.at >= oldest) out.push(slot.event);
    }
    return out;
  }

  /** The events after the one with `id`, oldest first; null when that one is no longer kept (or never was). */
  after(id: string): BusEvent[] | null {
    const events = this.kept();
    const at = events.findIndex((e) => e.id === id);
    return at < 0 ? null : events.slice(at + 1);
  }
}
