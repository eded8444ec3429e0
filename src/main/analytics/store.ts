import type { Db } from '../db/database.js';

export type Direction = 'received' | 'sent';
export type Cause = 'welcome' | 'faq' | 'timer' | 'command' | 'api' | 'manual' | 'giveaway' | 'moderation' | 'chat';

export interface ChatEventInput {
  accountId: string;
  direction: Direction;
  cause: Cause | null;
  username: string | null;
  text: string;
  rowKey?: string | null;
  trigger?: string | null;
  messageId?: string | null;
  at: number;
}

export interface ChatEventRow {
  id: number;
  account_id: string;
  direction: Direction;
  cause: Cause | null;
  username: string | null;
  text: string;
  row_key: string | null;
  trigger: string | null;
  message_id: string | null;
  created_at: number;
}

/** Every received and sent chat line, with why it was sent; analytics are computed from these rows. */
export class ChatEventStore {
  private insertStmt;
  private countsStmt;
  private receivedStmt;
  private triggersStmt;
  private recentStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO chat_events (account_id, direction, cause, username, text, row_key, trigger, message_id, created_at)
       VALUES (@accountId, @direction, @cause, @username, @text, @rowKey, @trigger, @messageId, @at)`,
    );
    // Rollups (migration 3) are bucketed (counts by hour, distinct chatters by UTC day): whole buckets come
    // from them, the partial bucket at the window's start from the raw rows, so a window is exact and cheap.
    this.countsStmt = db.prepare<{ a: string; since: number }, { cause: Cause | ''; n: number }>(
      `SELECT cause, SUM(n) AS n FROM (
         SELECT cause, n FROM chat_stats_hourly
          WHERE account_id = @a AND direction = 'sent' AND hour >= (@since + 3599999) / 3600000
         UNION ALL
         SELECT COALESCE(cause, ''), COUNT(*) FROM chat_events
          WHERE account_id = @a AND direction = 'sent' AND created_at >= @since
            AND created_at < (@since + 3599999) / 3600000 * 3600000
          GROUP BY COALESCE(cause, ''))
       GROUP BY cause`,
    );
    this.receivedStmt = db.prepare<{ a: string; since: number }, { n: number; chatters: number }>(
      `SELECT
         (SELECT COALESCE(SUM(n), 0) FROM chat_stats_hourly
           WHERE account_id = @a AND direction = 'received' AND hour >= (@since + 3599999) / 3600000)
         + (SELECT COUNT(*) FROM chat_events
           WHERE account_id = @a AND direction = 'received' AND created_at >= @since
             AND created_at < (@since + 3599999) / 3600000 * 3600000) AS n,
         (SELECT COUNT(*) FROM (
            SELECT username FROM chat_chatters_daily WHERE account_id = @a AND day >= (@since + 86399999) / 86400000
            UNION
            SELECT username FROM chat_events
             WHERE account_id = @a AND direction = 'received' AND username IS NOT NULL AND created_at >= @since
               AND created_at < (@since + 86399999) / 86400000 * 86400000)) AS chatters`,
    );
    this.triggersStmt = db.prepare<[string, number, number], { keyword: string; count: number }>(
      `SELECT trigger AS keyword, COUNT(*) AS count FROM chat_events
       WHERE account_id = ? AND trigger IS NOT NULL AND direction = 'received' AND created_at >= ?
       GROUP BY trigger ORDER BY count DESC, keyword LIMIT ?`,
    );
    this.recentStmt = db.prepare<[string, number, number], ChatEventRow>(
      `SELECT * FROM chat_events WHERE account_id = ? AND id > ? ORDER BY id DESC LIMIT ?`,
    );
  }

  record(e: ChatEventInput): number {
    return Number(
      this.insertStmt.run({
        ...e,
        rowKey: e.rowKey ?? null,
        trigger: e.trigger ?? null,
        messageId: e.messageId ?? null,
      }).lastInsertRowid,
    );
  }

  /** Sent lines by cause at or after `since` (ms). */
  sentByCause(accountId: string, since: number): Map<Cause | null, number> {
    return new Map(this.countsStmt.all({ a: accountId, since }).map((r) => [r.cause === '' ? null : r.cause, r.n]));
  }

  /** Received lines and distinct chatters at or after `since` (ms). */
  received(accountId: string, since: number): { n: number; chatters: number } {
    return this.receivedStmt.get({ a: accountId, since })!;
  }

  topTriggers(accountId: string, since: number, limit: number): { keyword: string; count: number }[] {
    return this.triggersStmt.all(accountId, since, limit);
  }

  /** Newest first. */
  recent(accountId: string, afterId: number, limit: number): ChatEventRow[] {
    return this.recentStmt.all(accountId, afterId, limit);
  }
}
