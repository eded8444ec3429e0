import type { Db } from '../../kernel/db/database.js';
import { ChatterRanking, type TopChatterRow } from './chatter-store.js';
import type { Cause } from './schema.js';

export type { Cause } from './schema.js';
export type Direction = 'received' | 'sent';

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

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** A window starting at `since`: the first whole hour of the rollups, and where it starts. */
interface Window {
  a: string;
  since: number;
  hour: number;
  hourEdge: number;
}

function windowFrom(accountId: string, since: number): Window {
  const hour = Math.ceil(since / HOUR_MS);
  return { a: accountId, since, hour, hourEdge: hour * HOUR_MS };
}

/** Every received and sent chat line, with why it was sent; analytics are computed from these rows. */
export class ChatEventStore {
  private insertStmt;
  private countsStmt;
  private receivedStmt;
  private triggersStmt;
  private recentStmt;
  private historyStmt;
  private timelineStmt;
  private firstHourStmt;
  private chatters: ChatterRanking;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO chat_events (account_id, direction, cause, username, text, row_key, trigger, message_id, created_at)
       VALUES (@accountId, @direction, @cause, @username, @text, @rowKey, @trigger, @messageId, @at)`,
    );
    // Rollups (kept by the chat_events_rollup trigger) are bucketed (counts by hour, per viewer by UTC day):
    // whole buckets come from them, the partial bucket at the window's start from the raw rows, so a window is
    // exact and cheap.
    // Bucket edges are computed in JS: better-sqlite3 binds numbers as REAL, so SQL division would not truncate.
    this.countsStmt = db.prepare<Window, { cause: Cause | ''; n: number }>(
      `SELECT cause, SUM(n) AS n FROM (
         SELECT cause, n FROM chat_stats_hourly
          WHERE account_id = @a AND direction = 'sent' AND hour >= @hour
         UNION ALL
         SELECT COALESCE(cause, ''), COUNT(*) FROM chat_events
          WHERE account_id = @a AND direction = 'sent' AND created_at >= @since AND created_at < @hourEdge
          GROUP BY COALESCE(cause, ''))
       GROUP BY cause`,
    );
    // A period runs to now, so a viewer wrote in it exactly when they last wrote at or after its start.
    this.receivedStmt = db.prepare<Window, { n: number; chatters: number }>(
      `SELECT
         (SELECT COALESCE(SUM(n), 0) FROM chat_stats_hourly WHERE account_id = @a AND direction = 'received' AND hour >= @hour)
         + (SELECT COUNT(*) FROM chat_events
           WHERE account_id = @a AND direction = 'received' AND created_at >= @since AND created_at < @hourEdge) AS n,
         (SELECT COUNT(*) FROM chat_chatters WHERE account_id = @a AND last_at >= @since) AS chatters`,
    );
    this.triggersStmt = db.prepare<[string, number, number], { keyword: string; count: number }>(
      `SELECT trigger AS keyword, COUNT(*) AS count FROM chat_events
       WHERE account_id = ? AND trigger IS NOT NULL AND direction = 'received' AND created_at >= ?
       GROUP BY trigger ORDER BY count DESC, keyword LIMIT ?`,
    );
    // Buckets of `b` ms aligned to the viewer's local midnight (`off` = their UTC offset in ms). Parameters may
    // arrive as REAL, so the division is truncated explicitly.
    this.timelineStmt = db.prepare<{ a: string; fromHour: number; b: number; off: number }, { bucket: number; direction: Direction; n: number }>(
      `SELECT CAST((hour * 3600000 + @off) / @b AS INTEGER) * @b - @off AS bucket, direction, SUM(n) AS n FROM chat_stats_hourly
       WHERE account_id = @a AND hour >= @fromHour GROUP BY bucket, direction ORDER BY bucket`,
    );
    this.firstHourStmt = db.prepare<[string], { hour: number | null }>('SELECT MIN(hour) AS hour FROM chat_stats_hourly WHERE account_id = ?');
    this.chatters = new ChatterRanking(db);
    this.recentStmt = db.prepare<[string, number, number], ChatEventRow>(
      `SELECT * FROM chat_events WHERE account_id = ? AND id > ? ORDER BY id DESC LIMIT ?`,
    );
    // Chat history search: a walk back along (account_id, id) testing each row with LIKE (ASCII case-insensitive).
    // No text index: a seller's history (up to a few million lines) is scanned in well under a second.
    this.historyStmt = db.prepare<{ a: string; before: number; like: string | null; limit: number }, ChatEventRow>(
      `SELECT * FROM chat_events WHERE account_id = @a AND id < @before
         AND (@like IS NULL OR text LIKE @like ESCAPE '\\' OR username LIKE @like ESCAPE '\\')
       ORDER BY id DESC LIMIT @limit`,
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
    return new Map(this.countsStmt.all(windowFrom(accountId, since)).map((r) => [r.cause === '' ? null : r.cause, r.n]));
  }

  /** Received lines and distinct chatters at or after `since` (ms). */
  received(accountId: string, since: number): { n: number; chatters: number } {
    return this.receivedStmt.get(windowFrom(accountId, since))!;
  }

  /** Received and sent lines per bucket from the hour containing `since`; buckets without lines are absent. */
  timeline(accountId: string, since: number, bucketMs: number, utcOffsetMs: number) {
    return this.timelineStmt.all({ a: accountId, fromHour: Math.floor(since / 3_600_000), b: bucketMs, off: utcOffsetMs });
  }

  /** When the account's first chat line was stored, or null. */
  firstLineAt(accountId: string): number | null {
    const h = this.firstHourStmt.get(accountId)?.hour;
    return h === null || h === undefined ? null : h * 3_600_000;
  }

  /** Who wrote the most since `since` (ms; 0 for all time), with when they last did; ties go to the latest. */
  topChatters(accountId: string, since: number, limit: number): TopChatterRow[] {
    return this.chatters.top(accountId, since, limit);
  }

  topTriggers(accountId: string, since: number, limit: number): { keyword: string; count: number }[] {
    return this.triggersStmt.all(accountId, since, limit);
  }

  /** Newest first. */
  recent(accountId: string, afterId: number, limit: number): ChatEventRow[] {
    return this.recentStmt.all(accountId, afterId, limit);
  }

  /**
   * Newest first, stored before row `before` (all when absent); with `q`, only lines whose text or username
   * contains it (case-insensitive for ASCII letters; % and _ are matched literally).
   */
  history(accountId: string, o: { q?: string; before?: number; limit: number }): ChatEventRow[] {
    const like = o.q === undefined ? null : `%${o.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.historyStmt.all({ a: accountId, before: o.before ?? Number.MAX_SAFE_INTEGER, like, limit: o.limit });
  }
}
