import type { Statement } from 'better-sqlite3';
import type { Db } from '../../kernel/db/database.js';
import type { DeliveryStatus } from './schema.js';

export interface WebhookRow {
  id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: number | null;
  active: number;
  disabled_reason: string | null;
  consecutive_failures: number;
  failing_since: number | null;
  created_at: number;
  updated_at: number;
}

export interface DeliveryRow {
  id: number;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  delivered_at: number | null;
}

export interface AttemptRow {
  id: number;
  delivery_id: number;
  attempt: number;
  status_code: number | null;
  latency_ms: number | null;
  error: string | null;
  response_body: string | null;
  at: number;
}

const CONFIG_PREFIX = 'webhooks.';

/** All webhook SQL. The delivery table doubles as the outbox: a row is written in the publisher's transaction. */
export class WebhookStore {
  private s;
  /** One prepared statement per filter combination of the delivery log. */
  private listStmts = new Map<string, Statement<unknown[], DeliveryRow>>();

  constructor(private db: Db) {
    this.s = {
      all: db.prepare<[], WebhookRow>('SELECT * FROM webhooks ORDER BY created_at, id'),
      byId: db.prepare<[string], WebhookRow>('SELECT * FROM webhooks WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO webhooks (id, url, events, secret, active, created_at, updated_at)
         VALUES (@id, @url, @events, @secret, 1, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE webhooks SET url = @url, events = @events, active = @active, disabled_reason = @disabled_reason,
           consecutive_failures = @consecutive_failures, failing_since = @failing_since, updated_at = @updated_at
         WHERE id = @id`,
      ),
      rotate: db.prepare(`UPDATE webhooks SET secret = ?, previous_secret = ?, previous_secret_expires_at = ?, updated_at = ? WHERE id = ?`),
      delete: db.prepare('DELETE FROM webhooks WHERE id = ?'),
      noteFailure: db.prepare<[number, string], WebhookRow>(
        `UPDATE webhooks SET consecutive_failures = consecutive_failures + 1, failing_since = COALESCE(failing_since, ?)
         WHERE id = ? RETURNING *`,
      ),
      noteSuccess: db.prepare(
        `UPDATE webhooks SET consecutive_failures = 0, failing_since = NULL
         WHERE id = ? AND (consecutive_failures <> 0 OR failing_since IS NOT NULL)`,
      ),
      insertDelivery: db.prepare(
        `INSERT OR IGNORE INTO webhook_deliveries (webhook_id, event_id, event_type, payload, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      nextDue: db.prepare<[string, number], DeliveryRow>(
        `SELECT * FROM webhook_deliveries WHERE webhook_id = ? AND status = 'pending' AND next_attempt_at <= ?
         ORDER BY next_attempt_at, id LIMIT 1`,
      ),
      markSending: db.prepare(`UPDATE webhook_deliveries SET status = 'sending' WHERE id = ?`),
      earliestPending: db.prepare<[string], { t: number | null }>(
        `SELECT MIN(next_attempt_at) AS t FROM webhook_deliveries WHERE webhook_id = ? AND status = 'pending'`,
      ),
      deliveryById: db.prepare<[number], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?'),
      insertAttempt: db.prepare(
        `INSERT INTO webhook_attempts (delivery_id, attempt, status_code, latency_ms, error, response_body, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      finish: db.prepare(`UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?`),
      release: db.prepare(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = ? AND status = 'sending'`),
      releaseAll: db.prepare(`UPDATE webhook_deliveries SET status = 'pending' WHERE status = 'sending'`),
      retryNow: db.prepare(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status <> 'sending'`),
      resumePending: db.prepare(
        `UPDATE webhook_deliveries SET next_attempt_at = ? WHERE webhook_id = ? AND status = 'pending' AND next_attempt_at > ?`,
      ),
      heldCount: db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE webhook_id = ? AND status = 'held'`),
      heldCounts: db.prepare<[], { webhook_id: string; n: number }>(
        `SELECT webhook_id, COUNT(*) AS n FROM webhook_deliveries WHERE status = 'held' GROUP BY webhook_id`,
      ),
      // Same time for all: the worker then sends them by id, which is the order the events happened in.
      releaseHeld: db.prepare(`UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? WHERE webhook_id = ? AND status = 'held'`),
      discardHeld: db.prepare(`DELETE FROM webhook_deliveries WHERE webhook_id = ? AND status = 'held'`),
      pruneHeldAge: db.prepare<[number], { webhook_id: string }>(
        `DELETE FROM webhook_deliveries WHERE status = 'held' AND created_at < ? RETURNING webhook_id`,
      ),
      // The row at OFFSET keep is the newest one over the cap; it and everything older go.
      pruneHeldOver: db.prepare(
        `DELETE FROM webhook_deliveries WHERE webhook_id = @id AND status = 'held' AND id <= (
           SELECT id FROM webhook_deliveries WHERE webhook_id = @id AND status = 'held' ORDER BY id DESC LIMIT 1 OFFSET @keep)`,
      ),
      attemptsOf: db.prepare<[string], AttemptRow>(
        `SELECT * FROM webhook_attempts WHERE delivery_id IN (SELECT value FROM json_each(?)) ORDER BY delivery_id, attempt, id`,
      ),
      prune: db.prepare(`DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'dead') AND created_at < ?`),
      getConfig: db.prepare<[string], { value: string }>('SELECT value FROM app_settings WHERE key = ?'),
      putConfig: db.prepare('INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  all(): WebhookRow[] {
    return this.s.all.all();
  }

  byId(id: string): WebhookRow | undefined {
    return this.s.byId.get(id);
  }

  insert(w: { id: string; url: string; events: string[]; secret: string; now: number }): void {
    this.s.insert.run({ ...w, events: JSON.stringify(w.events) });
  }

  update(row: WebhookRow): void {
    this.s.update.run(row);
  }

  rotate(id: string, secret: string, previous: string, previousExpiresAt: number, now: number): void {
    this.s.rotate.run(secret, previous, previousExpiresAt, now, id);
  }

  delete(id: string): boolean {
    return this.s.delete.run(id).changes > 0;
  }

  noteFailure(id: string, now: number): WebhookRow | undefined {
    return this.s.noteFailure.get(now, id);
  }

  noteSuccess(id: string): boolean {
    return this.s.noteSuccess.run(id).changes > 0;
  }

  /** `held` for an inactive endpoint: kept, never claimed, until it is re-enabled. */
  insertDelivery(webhookId: string, eventId: string, eventType: string, payload: string, status: 'pending' | 'held', now: number): void {
    this.s.insertDelivery.run(webhookId, eventId, eventType, payload, status, now, now);
  }

  heldCount(webhookId: string): number {
    return this.s.heldCount.get(webhookId)!.n;
  }

  heldCounts(): Map<string, number> {
    return new Map(this.s.heldCounts.all().map((r) => [r.webhook_id, r.n]));
  }

  releaseHeld(webhookId: string, now: number): number {
    return this.s.releaseHeld.run(now, webhookId).changes;
  }

  discardHeld(webhookId: string): number {
    return this.s.discardHeld.run(webhookId).changes;
  }

  /** Drops held deliveries older than `olderThan` and beyond the newest `keep` per endpoint; counts per endpoint. */
  pruneHeld(olderThan: number, keep: number): Map<string, number> {
    const dropped = new Map<string, number>();
    const add = (id: string, n: number) => n > 0 && dropped.set(id, (dropped.get(id) ?? 0) + n);
    this.db.transaction(() => {
      for (const r of this.s.pruneHeldAge.all(olderThan)) add(r.webhook_id, 1);
      for (const [id, n] of this.heldCounts()) if (n > keep) add(id, this.s.pruneHeldOver.run({ id, keep }).changes);
    })();
    return dropped;
  }

  /** The endpoint's oldest due delivery, marked `sending`; undefined when none is due. */
  claimNext(webhookId: string, now: number): DeliveryRow | undefined {
    const row = this.s.nextDue.get(webhookId, now);
    if (!row) return undefined;
    this.s.markSending.run(row.id);
    return { ...row, status: 'sending' };
  }

  earliestPending(webhookId: string): number | null {
    return this.s.earliestPending.get(webhookId)?.t ?? null;
  }

  deliveryById(id: number): DeliveryRow | undefined {
    return this.s.deliveryById.get(id);
  }

  insertAttempt(a: Omit<AttemptRow, 'id'>): void {
    this.s.insertAttempt.run(a.delivery_id, a.attempt, a.status_code, a.latency_ms, a.error, a.response_body, a.at);
  }

  finish(id: number, status: DeliveryStatus, attempts: number, nextAttemptAt: number, deliveredAt: number | null): void {
    this.s.finish.run(status, attempts, nextAttemptAt, deliveredAt, id);
  }

  /** An attempt cut short by shutdown is not an attempt: back to pending, untouched. */
  release(id: number): void {
    this.s.release.run(id);
  }

  /** At start nothing can be in flight: whatever a killed process left `sending` goes back to pending. */
  releaseAll(): number {
    return this.s.releaseAll.run().changes;
  }

  retryNow(id: number, now: number): boolean {
    return this.s.retryNow.run(now, id).changes > 0;
  }

  resumePending(webhookId: string, now: number): void {
    this.s.resumePending.run(now, webhookId, now);
  }

  deliveries(webhookId: string, q: { status?: DeliveryStatus; before?: number; limit: number }): DeliveryRow[] {
    const where = ['webhook_id = ?'];
    const args: unknown[] = [webhookId];
    if (q.status) {
      where.push('status = ?');
      args.push(q.status);
    }
    if (q.before) {
      where.push('id < ?');
      args.push(q.before);
    }
    args.push(q.limit);
    const sql = `SELECT * FROM webhook_deliveries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
    let stmt = this.listStmts.get(sql);
    if (!stmt) this.listStmts.set(sql, (stmt = this.db.prepare<unknown[], DeliveryRow>(sql)));
    return stmt.all(...args);
  }

  attemptsOf(deliveryIds: number[]): AttemptRow[] {
    return deliveryIds.length ? this.s.attemptsOf.all(JSON.stringify(deliveryIds)) : [];
  }

  prune(olderThan: number): number {
    return this.s.prune.run(olderThan).changes;
  }

  getConfig(key: string): unknown {
    const row = this.s.getConfig.get(CONFIG_PREFIX + key);
    return row ? JSON.parse(row.value) : undefined;
  }

  putConfig(key: string, value: unknown): void {
    this.s.putConfig.run(CONFIG_PREFIX + key, JSON.stringify(value));
  }
}
