import type { Db } from '../../kernel/db/database.js';
import type { Cause, Direction } from './store.js';

/** A closed window [since, until) of one account's chat, e.g. one show. */
export interface ChatWindow {
  accountId: string;
  since: number;
  until: number;
}

/**
 * Figures of a bounded window (a show: hours of chat) read from the raw rows through the (account_id,
 * created_at) index. The rollups behind ChatEventStore are per hour and per day and run to now, so they cannot
 * cut a window that starts and ends mid-hour; a show's rows are few enough to count directly.
 */
export class ChatWindowStore {
  private sentStmt;
  private receivedStmt;
  private timelineStmt;
  private chattersStmt;
  private triggersStmt;

  constructor(db: Db) {
    const inWindow = 'account_id = @a AND created_at >= @since AND created_at < @until';
    this.sentStmt = db.prepare<Params, { cause: Cause | ''; n: number }>(
      `SELECT COALESCE(cause, '') AS cause, COUNT(*) AS n FROM chat_events WHERE ${inWindow} AND direction = 'sent' GROUP BY COALESCE(cause, '')`,
    );
    this.receivedStmt = db.prepare<Params, { n: number; chatters: number }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT username) AS chatters FROM chat_events WHERE ${inWindow} AND direction = 'received'`,
    );
    // Parameters may arrive as REAL, so the division is truncated explicitly.
    this.timelineStmt = db.prepare<Params & { b: number; off: number }, { bucket: number; direction: Direction; n: number }>(
      `SELECT CAST((created_at + @off) / @b AS INTEGER) * @b - @off AS bucket, direction, COUNT(*) AS n FROM chat_events
       WHERE ${inWindow} GROUP BY bucket, direction ORDER BY bucket`,
    );
    this.chattersStmt = db.prepare<Params & { limit: number }, { username: string; messages: number; lastAt: number }>(
      `SELECT username, COUNT(*) AS messages, MAX(created_at) AS lastAt FROM chat_events
       WHERE ${inWindow} AND direction = 'received' AND username IS NOT NULL
       GROUP BY username ORDER BY messages DESC, lastAt DESC, username LIMIT @limit`,
    );
    this.triggersStmt = db.prepare<Params & { limit: number }, { keyword: string; count: number }>(
      `SELECT trigger AS keyword, COUNT(*) AS count FROM chat_events
       WHERE ${inWindow} AND direction = 'received' AND trigger IS NOT NULL
       GROUP BY trigger ORDER BY count DESC, keyword LIMIT @limit`,
    );
  }

  sentByCause(w: ChatWindow): Map<Cause | null, number> {
    return new Map(this.sentStmt.all(params(w)).map((r) => [r.cause === '' ? null : r.cause, r.n]));
  }

  received(w: ChatWindow): { n: number; chatters: number } {
    return this.receivedStmt.get(params(w))!;
  }

  timeline(w: ChatWindow, bucketMs: number, utcOffsetMs: number) {
    return this.timelineStmt.all({ ...params(w), b: bucketMs, off: utcOffsetMs });
  }

  topChatters(w: ChatWindow, limit: number) {
    return this.chattersStmt.all({ ...params(w), limit });
  }

  topTriggers(w: ChatWindow, limit: number) {
    return this.triggersStmt.all({ ...params(w), limit });
  }
}

interface Params {
  a: string;
  since: number;
  until: number;
}

const params = (w: ChatWindow): Params => ({ a: w.accountId, since: w.since, until: w.until });
