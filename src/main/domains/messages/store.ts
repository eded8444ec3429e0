import type { Db } from '../../kernel/db/database.js';
import type { Cause } from '../../../shared/contract/messages.js';
import type { MessageStatus } from './schema.js';

export interface MessageRow {
  id: string;
  account_id: string;
  text: string;
  cause: Cause;
  status: MessageStatus;
  not_before: number;
  attempts: number;
  error: string | null;
  created_at: number;
  sent_at: number | null;
  /** Parts of a split message already in chat. */
  parts_sent: number;
}

export class MessageStore {
  private insertStmt;
  private byIdStmt;
  private nextDueStmt;
  private setStatusStmt;
  private listStmt;
  private listByStatusStmt;
  private countStmt;
  private requeueStmt;
  private nextTimeStmt;
  private rescheduleStmt;
  private partsStmt;
  private releaseStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO messages (id, account_id, text, cause, status, not_before, created_at)
       VALUES (@id, @accountId, @text, @cause, 'queued', @notBefore, @createdAt)`,
    );
    this.byIdStmt = db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?');
    this.nextDueStmt = db.prepare<[string, number], MessageRow>(
      `SELECT * FROM messages WHERE account_id = ? AND status = 'queued' AND not_before <= ?
       ORDER BY not_before, created_at, rowid LIMIT 1`,
    );
    this.nextTimeStmt = db.prepare<[string], { t: number | null }>(
      `SELECT MIN(not_before) AS t FROM messages WHERE account_id = ? AND status = 'queued'`,
    );
    this.setStatusStmt = db.prepare(`UPDATE messages SET status = @status, attempts = @attempts, error = @error, sent_at = @sentAt WHERE id = @id`);
    this.listStmt = db.prepare<[string, number], MessageRow>(
      'SELECT * FROM messages WHERE account_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
    );
    this.countStmt = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM messages WHERE account_id = ? AND status = ?');
    this.listByStatusStmt = db.prepare<[string, string, number], MessageRow>(
      'SELECT * FROM messages WHERE account_id = ? AND status = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
    );
    this.rescheduleStmt = db.prepare(`UPDATE messages SET status = 'queued', error = ?, not_before = ? WHERE id = ?`);
    this.requeueStmt = db.prepare(`UPDATE messages SET status = 'queued' WHERE status = 'sending'`);
    this.partsStmt = db.prepare(`UPDATE messages SET parts_sent = ? WHERE id = ?`);
    this.releaseStmt = db.prepare(
      // not_before is kept: the message keeps its place ahead of later ones (a half-sent split stays together).
      `UPDATE messages SET status = 'queued', attempts = MAX(attempts - 1, 0), error = COALESCE(?, error) WHERE id = ? AND status = 'sending'`,
    );
  }

  insert(m: { id: string; accountId: string; text: string; cause: Cause; notBefore: number; createdAt: number }): void {
    this.insertStmt.run(m);
  }

  byId(id: string): MessageRow | undefined {
    return this.byIdStmt.get(id);
  }

  nextDue(accountId: string, now: number): MessageRow | undefined {
    return this.nextDueStmt.get(accountId, now);
  }

  nextDueTime(accountId: string): number | null {
    return this.nextTimeStmt.get(accountId)?.t ?? null;
  }

  setStatus(id: string, status: MessageStatus, attempts: number, error: string | null, sentAt: number | null): void {
    this.setStatusStmt.run({ id, status, attempts, error, sentAt });
  }

  count(accountId: string, status: MessageStatus): number {
    return this.countStmt.get(accountId, status)!.n;
  }

  list(accountId: string, status: MessageStatus | undefined, limit: number): MessageRow[] {
    return status ? this.listByStatusStmt.all(accountId, status, limit) : this.listStmt.all(accountId, limit);
  }

  /** Back to the queue as if it had not been claimed (the attempt is given back). */
  release(id: string, error: string | null): void {
    this.releaseStmt.run(error, id);
  }

  setPartsSent(id: string, parts: number): void {
    this.partsStmt.run(parts, id);
  }

  reschedule(id: string, error: string, notBefore: number): void {
    this.rescheduleStmt.run(error, notBefore, id);
  }

  /** After a crash, a message caught mid-send goes back to the queue (at-least-once). */
  requeueInterrupted(): number {
    return this.requeueStmt.run().changes;
  }
}
