import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import { ApiError, notFound } from '../../http/errors.js';
import { PUBLIC_EVENT_TYPES, type BusEvent } from '../../kernel/events/bus.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import { newId } from '../../kernel/ids.js';
import type { Logger } from '../../kernel/logger.js';
import { validateWebhookUrl } from './address.js';
import type { WebhookOptions } from './options.js';
import type { DeliveryStatus, DeliveryView, WebhookConfig, WebhookView } from './schema.js';
import { generateSecret } from './signing.js';
import type { AttemptRow, DeliveryRow, WebhookRow, WebhookStore } from './store.js';

const PUBLIC = new Set<string>(PUBLIC_EVENT_TYPES);

/** A webhook as the worker and the outbox see it; kept in memory since the outbox runs on every event. */
export interface Hook {
  row: WebhookRow;
  events: Set<string>;
}

export interface WebhookListener {
  /** Deliveries were queued or made due now. */
  onDue(): void;
  onConfigChanged(config: WebhookConfig): void;
}

/**
 * Webhook registrations, the outbox, the delivery log and the endpoint health rules. Delivering is the
 * worker's job (worker.ts); this service decides what is owed to whom.
 */
export class WebhookService {
  private hooks = new Map<string, Hook>();
  private activeList: Hook[] = [];
  private allowPrivate: boolean;
  private listener: WebhookListener = { onDue() {}, onConfigChanged() {} };

  constructor(
    private db: Db,
    private store: WebhookStore,
    private clock: Clock,
    private events: EventPublisher,
    private logger: Logger,
    private options: WebhookOptions,
  ) {
    for (const row of store.all()) this.cache(row);
    this.allowPrivate = store.getConfig('allowPrivateNetworks') === true;
  }

  setListener(listener: WebhookListener): void {
    this.listener = listener;
  }

  /**
   * The outbox, called synchronously by the bus inside the publisher's transaction: the delivery rows commit
   * (or roll back) with whatever caused the event. An insert that throws aborts the publisher on purpose.
   */
  handleEvent = (event: BusEvent): void => {
    if (!PUBLIC.has(event.type)) return;
    let payload: string | null = null;
    const now = this.clock.now();
    let due = false;
    // Inactive endpoints too: their rows are held, so a pause or an outage-long disable loses nothing.
    for (const hook of this.hooks.values()) {
      if (!hook.events.has(event.type)) continue;
      // Built once per event, so every endpoint and every retry gets the same bytes.
      payload ??= JSON.stringify({
        id: event.id,
        type: event.type,
        timestamp: event.timestamp,
        data: { accountId: event.accountId, ...event.data },
      });
      const active = hook.row.active === 1;
      this.store.insertDelivery(hook.row.id, event.id, event.type, payload, active ? 'pending' : 'held', now);
      due ||= active;
    }
    // Deferred: the worker runs after the publisher's transaction has committed.
    if (due) this.listener.onDue();
  };

  list(): WebhookView[] {
    const held = this.store.heldCounts();
    return [...this.hooks.values()].map((h) => toView(h.row, held.get(h.row.id) ?? 0));
  }

  get(id: string): WebhookView {
    return toView(this.require(id).row, this.store.heldCount(id));
  }

  create(input: { url: string; events: string[] }): WebhookView & { secret: string } {
    const url = validateWebhookUrl(input.url, this.allowPrivate).href;
    const id = newId('wh');
    const secret = generateSecret();
    this.store.insert({ id, url, events: input.events, secret, now: this.clock.now() });
    const row = this.refresh(id)!;
    return { ...toView(row, 0), secret };
  }

  update(id: string, patch: { url?: string; events?: string[]; active?: boolean; discardHeld?: boolean }): WebhookView {
    const { row } = this.require(id);
    const now = this.clock.now();
    const next: WebhookRow = { ...row, updated_at: now };
    if (patch.url !== undefined) next.url = validateWebhookUrl(patch.url, this.allowPrivate).href;
    if (patch.events !== undefined) next.events = JSON.stringify(patch.events);
    const resuming = patch.active === true && !row.active;
    if (patch.active !== undefined) next.active = patch.active ? 1 : 0;
    if (resuming) {
      // A fresh start: the failure streak that disabled it is forgotten and waiting deliveries go now.
      Object.assign(next, { disabled_reason: null, consecutive_failures: 0, failing_since: null });
    }
    // In one transaction with the status change, so no event falls between held and pending.
    const held = this.db.transaction(() => {
      this.store.update(next);
      if (patch.discardHeld) this.store.discardHeld(id);
      if (resuming) {
        this.store.resumePending(id, now);
        this.store.releaseHeld(id, now);
      }
      return this.store.heldCount(id);
    })();
    this.refresh(id);
    if (resuming) this.listener.onDue();
    return toView(next, held);
  }

  delete(id: string): { id: string; deleted: true } {
    this.require(id);
    this.store.delete(id);
    this.hooks.delete(id);
    this.rebuildActive();
    return { id, deleted: true };
  }

  /** New secret now; the old one keeps signing (X-BuzzChat-Signature-Previous, second webhook-signature) for the grace period. */
  rotateSecret(id: string): { id: string; secret: string; previousSecretExpiresAt: string } {
    const { row } = this.require(id);
    const now = this.clock.now();
    const secret = generateSecret();
    const expires = now + this.options.secretGraceMs;
    this.store.rotate(id, secret, row.secret, expires, now);
    this.refresh(id);
    return { id, secret, previousSecretExpiresAt: new Date(expires).toISOString() };
  }

  /** The secrets to sign with now. */
  secrets(hook: Hook): { secret: string; previousSecret: string | null } {
    const r = hook.row;
    const previousValid = r.previous_secret !== null && (r.previous_secret_expires_at ?? 0) > this.clock.now();
    return { secret: r.secret, previousSecret: previousValid ? r.previous_secret : null };
  }

  config(): WebhookConfig {
    return { allowPrivateNetworks: this.allowPrivate };
  }

  setConfig(patch: Partial<WebhookConfig>): WebhookConfig {
    if (patch.allowPrivateNetworks !== undefined) {
      this.store.putConfig('allowPrivateNetworks', patch.allowPrivateNetworks);
      this.allowPrivate = patch.allowPrivateNetworks;
    }
    this.listener.onConfigChanged(this.config());
    return this.config();
  }

  deliveries(id: string, q: { status?: DeliveryStatus; before?: number; limit: number }) {
    this.require(id);
    const rows = this.store.deliveries(id, q);
    const attempts = groupAttempts(this.store.attemptsOf(rows.map((r) => r.id)));
    return {
      deliveries: rows.map((r) => toDeliveryView(r, attempts.get(r.id) ?? [])),
      nextBefore: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
    };
  }

  /** Manual redelivery: one attempt now; if it fails the normal schedule continues (or it is dead again). */
  retryDelivery(id: string, deliveryId: number): DeliveryView {
    const { row } = this.require(id);
    const d = this.store.deliveryById(deliveryId);
    if (!d || d.webhook_id !== id) throw notFound(`Delivery ${deliveryId} of webhook ${id}`);
    if (!row.active) throw new ApiError('CONFLICT', `Webhook ${id} is disabled; re-enable it with PATCH {"active": true} first`);
    if (!this.store.retryNow(deliveryId, this.clock.now())) throw new ApiError('CONFLICT', `Delivery ${deliveryId} is being sent right now`);
    this.listener.onDue();
    const fresh = this.store.deliveryById(deliveryId)!;
    return toDeliveryView(fresh, this.store.attemptsOf([deliveryId]));
  }

  // --- for the worker ---

  active(): Hook[] {
    return this.activeList;
  }

  hook(id: string): Hook | undefined {
    return this.hooks.get(id);
  }

  allowPrivateNetworks(): boolean {
    return this.allowPrivate;
  }

  noteSuccess(id: string): void {
    if (this.store.noteSuccess(id)) this.refresh(id);
  }

  /** Counts a failed attempt; disables the endpoint once it has failed long enough (see WebhookOptions). */
  noteFailure(id: string, now: number): void {
    const row = this.store.noteFailure(id, now);
    if (!row) return;
    this.cache(row);
    const failingFor = now - (row.failing_since ?? now);
    const { disableAfterMs, disableMinFailures } = this.options;
    if (!row.active || row.consecutive_failures < disableMinFailures || failingFor < disableAfterMs) return;
    const since = new Date(row.failing_since ?? now).toISOString();
    const reason = `Every delivery failed since ${since} (${row.consecutive_failures} attempts in a row); fix the endpoint and re-enable with PATCH {"active": true}`;
    this.store.update({ ...row, active: 0, disabled_reason: reason, updated_at: now });
    this.refresh(id);
    this.events.emit('webhook.disabled', null, {
      webhookId: id,
      url: row.url,
      reason,
      consecutiveFailures: row.consecutive_failures,
      failingSince: since,
    });
    this.logger.warn(`Webhook ${id} (${row.url}) disabled: ${reason}`);
  }

  private require(id: string): Hook {
    const hook = this.hooks.get(id);
    if (!hook) throw notFound(`Webhook ${id}`);
    return hook;
  }

  private refresh(id: string): WebhookRow | undefined {
    const row = this.store.byId(id);
    if (row) this.cache(row);
    else {
      this.hooks.delete(id);
      this.rebuildActive();
    }
    return row;
  }

  private cache(row: WebhookRow): void {
    this.hooks.set(row.id, { row, events: new Set(JSON.parse(row.events) as string[]) });
    this.rebuildActive();
  }

  private rebuildActive(): void {
    this.activeList = [...this.hooks.values()].filter((h) => h.row.active);
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function toView(r: WebhookRow, heldEvents: number): WebhookView {
  return {
    id: r.id,
    url: r.url,
    events: JSON.parse(r.events) as WebhookView['events'],
    active: r.active === 1,
    disabledReason: r.disabled_reason,
    heldEvents,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

function groupAttempts(rows: AttemptRow[]): Map<number, AttemptRow[]> {
  const out = new Map<number, AttemptRow[]>();
  for (const a of rows) {
    const list = out.get(a.delivery_id) ?? [];
    list.push(a);
    out.set(a.delivery_id, list);
  }
  return out;
}

function toDeliveryView(d: DeliveryRow, attempts: AttemptRow[]): DeliveryView {
  return {
    id: d.id,
    eventId: d.event_id,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
    createdAt: iso(d.created_at)!,
    deliveredAt: iso(d.delivered_at),
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      statusCode: a.status_code,
      latencyMs: a.latency_ms,
      error: a.error,
      responseBody: a.response_body,
      at: iso(a.at)!,
    })),
  };
}
