import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import { newId } from '../../kernel/ids.js';
import type { Logger } from '../../kernel/logger.js';
import { resolveTargets } from './address.js';
import type { WebhookOptions } from './options.js';
import { WebhookHttpClient, type AttemptResult } from './sender.js';
import type { Hook, WebhookService } from './service.js';
import { deliveryHeaders } from './signing.js';
import type { DeliveryRow, WebhookStore } from './store.js';

const MAX_TIMER_MS = 2 ** 31 - 1;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Sends what the outbox owes. Claims due deliveries round-robin across endpoints (one endpoint's backlog or
 * slowness cannot starve the others), within a global and a per-endpoint concurrency cap. Wakes at once when
 * the outbox inserts and on a timer for the next scheduled retry; never polls.
 */
export class DeliveryWorker {
  private running = false;
  private inFlight = new Map<number, { controller: AbortController; done: Promise<void> }>();
  private perEndpoint = new Map<string, number>();
  private wakePending = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private pruneTimer: NodeJS.Timeout | null = null;
  private cursor = 0;
  private client: WebhookHttpClient;

  constructor(
    private db: Db,
    private store: WebhookStore,
    private service: WebhookService,
    private clock: Clock,
    private logger: Logger,
    private options: WebhookOptions,
  ) {
    this.client = new WebhookHttpClient(options.perEndpointConcurrency);
  }

  get maxAttempts(): number {
    return this.options.retrySchedule.length + 1;
  }

  start(): void {
    const released = this.store.releaseAll();
    if (released) this.logger.info(`Webhooks: ${released} deliveries interrupted by the last shutdown will be sent again`);
    this.running = true;
    this.prune();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    this.fill();
  }

  /** Stops claiming, aborts requests in flight and puts them back to pending (not counted as attempts). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.timer = this.pruneTimer = null;
    for (const f of this.inFlight.values()) f.controller.abort();
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.done));
    this.client.close();
  }

  /** Coalesces wake-ups from one tick (a burst of events, many completions) into one fill. */
  wake(): void {
    if (!this.running || this.wakePending) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      this.fill();
    });
  }

  resetConnections(): void {
    this.client.resetConnections(this.options.timeoutMs + 1000);
  }

  private fill(): void {
    if (!this.running) return;
    const hooks = this.service.active();
    const now = this.clock.now();
    const drained = new Set<string>();
    const { concurrency, perEndpointConcurrency } = this.options;
    let progress = true;
    while (progress && this.inFlight.size < concurrency && hooks.length > 0) {
      progress = false;
      const start = this.cursor++ % hooks.length;
      for (let i = 0; i < hooks.length && this.inFlight.size < concurrency; i++) {
        const hook = hooks[(start + i) % hooks.length]!;
        const id = hook.row.id;
        if (drained.has(id) || (this.perEndpoint.get(id) ?? 0) >= perEndpointConcurrency) continue;
        const row = this.store.claimNext(id, now);
        if (!row) {
          drained.add(id);
          continue;
        }
        this.launch(hook, row);
        progress = true;
      }
    }
    this.armTimer(hooks, now);
  }

  /** Sleeps until the earliest future retry of an endpoint that has a free slot (a busy one wakes us on completion). */
  private armTimer(hooks: Hook[], now: number): void {
    let next = Infinity;
    for (const hook of hooks) {
      if ((this.perEndpoint.get(hook.row.id) ?? 0) >= this.options.perEndpointConcurrency) continue;
      const t = this.store.earliestPending(hook.row.id);
      if (t !== null && t > now) next = Math.min(next, t);
    }
    if (next === this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = next;
    if (next === Infinity) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.fill();
      },
      Math.min(MAX_TIMER_MS, next - now),
    );
    this.timer.unref();
  }

  private launch(hook: Hook, row: DeliveryRow): void {
    const id = hook.row.id;
    const controller = new AbortController();
    this.perEndpoint.set(id, (this.perEndpoint.get(id) ?? 0) + 1);
    const done = this.deliver(row, controller.signal)
      .catch((err) => this.logger.error(`Webhook delivery ${row.id} failed unexpectedly:`, err))
      .finally(() => {
        this.inFlight.delete(row.id);
        const n = (this.perEndpoint.get(id) ?? 1) - 1;
        if (n > 0) this.perEndpoint.set(id, n);
        else this.perEndpoint.delete(id);
        this.wake();
      });
    this.inFlight.set(row.id, { controller, done });
  }

  private async deliver(row: DeliveryRow, signal: AbortSignal): Promise<void> {
    // Re-read: the URL or secret may have changed since the event was queued (the body never does).
    const hook = this.service.hook(row.webhook_id);
    if (!hook) return; // deleted; its deliveries went with it
    const result = await this.sendOnce(hook, row.event_id, row.payload, signal);
    if (signal.aborted) {
      this.store.release(row.id);
      return;
    }
    this.complete(row, result);
  }

  /** One signed POST of `body` to the hook's URL, after vetting the addresses its host resolves to. */
  async sendOnce(hook: Hook, eventId: string, body: string, signal?: AbortSignal): Promise<AttemptResult> {
    const started = performance.now();
    const url = new URL(hook.row.url);
    let targets;
    try {
      targets = await resolveTargets(url, this.service.allowPrivateNetworks(), this.options.resolver);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      return { ok: false, statusCode: null, latencyMs: Math.round(performance.now() - started), error, responseBody: null };
    }
    const headers = deliveryHeaders({ ...this.service.secrets(hook), eventId, now: this.clock.now(), body });
    return this.client.post(url, targets, headers, body, { timeoutMs: this.options.timeoutMs, signal });
  }

  /** A synthetic `webhook.test` event, sent now and not logged; for POST /webhooks/{id}/test. */
  async sendTest(hook: Hook) {
    const eventId = newId('evt');
    const body = JSON.stringify({
      id: eventId,
      type: 'webhook.test',
      timestamp: new Date(this.clock.now()).toISOString(),
      data: { webhookId: hook.row.id, message: 'Test event from BuzzChat' },
    });
    const r = await this.sendOnce(hook, eventId, body);
    return { delivered: r.ok, responseCode: r.statusCode, responseTime: r.latencyMs, error: r.error, eventId };
  }

  private complete(row: DeliveryRow, result: AttemptResult): void {
    const now = this.clock.now();
    const attempt = row.attempts + 1;
    this.db.transaction(() => {
      if (!this.store.deliveryById(row.id)) return; // the webhook was deleted meanwhile
      this.store.insertAttempt({
        delivery_id: row.id,
        attempt,
        status_code: result.statusCode,
        latency_ms: result.latencyMs,
        error: result.error,
        response_body: result.responseBody,
        at: now,
      });
      if (result.ok) {
        this.store.finish(row.id, 'delivered', attempt, row.next_attempt_at, now);
        this.service.noteSuccess(row.webhook_id);
        return;
      }
      if (attempt >= this.maxAttempts) this.store.finish(row.id, 'dead', attempt, row.next_attempt_at, null);
      else {
        const schedule = this.options.retrySchedule;
        const wait = this.options.jitter(schedule[Math.min(attempt - 1, schedule.length - 1)]!);
        this.store.finish(row.id, 'pending', attempt, now + wait, null);
      }
      this.service.noteFailure(row.webhook_id, now);
    })();
  }

  /** Runs at start and hourly; public so tests can run a pass without waiting an hour. */
  prune(): void {
    try {
      const now = this.clock.now();
      const n = this.store.prune(now - this.options.retentionMs);
      if (n) this.logger.info(`Webhooks: pruned ${n} old deliveries from the log`);
      const { heldMaxAgeMs, heldMaxPerEndpoint } = this.options;
      const dropped = this.store.pruneHeld(now - heldMaxAgeMs, heldMaxPerEndpoint);
      for (const [id, count] of dropped) {
        // Warn: these events are lost for that endpoint, which the user may not expect.
        this.logger.warn(
          `Webhooks: dropped ${count} held events of inactive webhook ${id} (only the newest ${heldMaxPerEndpoint}, ` +
            `at most ${Math.round(heldMaxAgeMs / 86_400_000)} days old, are kept)`,
        );
      }
    } catch (err) {
      this.logger.error('Webhooks: pruning the delivery log failed:', err);
    }
  }
}
