import type { Db } from '../../kernel/db/database.js';

export interface ActivityRow {
  id: string;
  seq: number;
  type: string;
  account_id: string | null;
  data: string;
  created_at: number;
}

/** The bounded activity log (migration 7). */
export class ActivityStore {
  private insertStmt;
  private listStmt;
  private pruneStmt;
  private lastStatusStmt;
  private maxSeqStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT OR IGNORE INTO activity_log (id, seq, type, account_id, data, created_at) VALUES (@id, @seq, @type, @accountId, @data, @at)',
    );
    this.listStmt = db.prepare<[string, number], ActivityRow>(
      'SELECT * FROM activity_log WHERE account_id = ? OR account_id IS NULL ORDER BY seq DESC LIMIT ?',
    );
    this.pruneStmt = db.prepare('DELETE FROM activity_log WHERE seq <= ?');
    this.lastStatusStmt = db.prepare<[string], { data: string }>(
      "SELECT data FROM activity_log WHERE account_id = ? AND type = 'chat.status' ORDER BY seq DESC LIMIT 1",
    );
    this.maxSeqStmt = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM activity_log');
  }

  maxSeq(): number {
    return this.maxSeqStmt.get()?.seq ?? 0;
  }

  insert(row: { id: string; seq: number; type: string; accountId: string | null; data: unknown; at: number }): void {
    this.insertStmt.run({ ...row, data: JSON.stringify(row.data) });
  }

  /** Drops everything at or below `seq`. */
  prune(seq: number): void {
    this.pruneStmt.run(seq);
  }

  list(accountId: string, limit: number): ActivityRow[] {
    return this.listStmt.all(accountId, limit);
  }

  lastChatStatus(accountId: string): { connected?: unknown } | null {
    const row = this.lastStatusStmt.get(accountId);
    return row ? (JSON.parse(row.data) as { connected?: unknown }) : null;
  }
}
