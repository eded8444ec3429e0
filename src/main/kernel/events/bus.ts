import type { BusEvent } from '../../../shared/events.js';

export { PUBLIC_EVENT_TYPES, type BusEvent, type EventType, type PublicEventType, type InternalEventType } from '../../../shared/events.js';

type Handler = (event: BusEvent) => void;

/**
 * In-process event bus. Domain services publish what happened; webhooks (outbox), the live stream (SSE)
 * and anything else subscribe. Handlers run synchronously, so a subscriber that writes to SQLite
 * takes part in the publisher's transaction (the webhook outbox relies on this).
 */
export class EventBus {
  private handlers = new Set<Handler>();

  subscribe(handler: Handler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /**
   * Handlers own their error handling: one that throws aborts the publisher (and so rolls back the
   * surrounding transaction), which is what the durable webhook outbox wants and nobody else should do.
   */
  publish(event: BusEvent): void {
    for (const h of this.handlers) h(event);
  }
}
