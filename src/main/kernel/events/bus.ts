/**
 * In-process event bus. Domain services publish what happened; webhooks (outbox), the live stream (SSE)
 * and anything else subscribe. Handlers run synchronously, so a subscriber that writes to SQLite
 * takes part in the publisher's transaction (the webhook outbox relies on this).
 */
export const PUBLIC_EVENT_TYPES = [
  'giveaway.entry',
  'giveaway.winner',
  'message.sent',
  'message.received',
  'bot.started',
  'bot.stopped',
] as const;
export type PublicEventType = (typeof PUBLIC_EVENT_TYPES)[number];

/** Internal-only events go to the live stream (dashboards) but never to webhooks. */
export type InternalEventType =
  | 'chat.message'
  | 'chat.status'
  | 'message.queued'
  | 'message.failed'
  | 'giveaway.cleared'
  | 'giveaway.claimed'
  | 'settings.updated'
  | 'accounts.switched'
  | 'webhook.disabled';

export type EventType = PublicEventType | InternalEventType;

export interface BusEvent {
  id: string;
  type: EventType;
  timestamp: string;
  accountId: string | null;
  data: Record<string, unknown>;
}

type Handler = (event: BusEvent) => void;

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
