import type { Db } from '../../kernel/db/database.js';

export interface EntryRow {
  id: number;
  round_id: number;
  username: string;
  user_key: string;
  text: string | null;
  source: string;
  entered_at: number;
}

export interface DrawRow {
  id: string;
  account_id: string;
  round_id: number;
  count: number;
  winners: string;
  entries_snapshot: string;
  method: string;
  created_at: number;
  /** The draw this one rerolled, and the winner it replaced; null for a normal draw. */
  reroll_of: string | null;
  replaced: string | null;
}

export class GiveawayStore {
  private openRoundStmt;
  private newRoundStmt;
  private clearRoundStmt;
  private insertEntryStmt;
  private userCountStmt;
  private entriesStmt;
  private entriesPageStmt;
  private countStmt;
  private insertDrawStmt;
  private drawsStmt;
  private drawByIdStmt;

  constructor(db: Db) {
    this.openRoundStmt = db.prepare<[string], { id: number }>(
      'SELECT id FROM giveaway_rounds WHERE account_id = ? AND cleared_at IS NULL ORDER BY id DESC LIMIT 1',
    );
    this.newRoundStmt = db.prepare('INSERT INTO giveaway_rounds (account_id, opened_at) VALUES (?, ?)');
    this.clearRoundStmt = db.prepare('UPDATE giveaway_rounds SET cleared_at = ? WHERE id = ?');
    this.insertEntryStmt = db.prepare(
      `INSERT INTO giveaway_entries (round_id, account_id, username, user_key, text, source, entered_at)
       VALUES (@roundId, @accountId, @username, @userKey, @text, @source, @at)`,
    );
    this.userCountStmt = db.prepare<[number, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM giveaway_entries WHERE round_id = ? AND user_key = ?',
    );
    this.entriesStmt = db.prepare<[number], EntryRow>('SELECT * FROM giveaway_entries WHERE round_id = ? ORDER BY id');
    this.entriesPageStmt = db.prepare<[number, number, number], EntryRow>(
      'SELECT * FROM giveaway_entries WHERE round_id = ? ORDER BY id LIMIT ? OFFSET ?',
    );
    this.countStmt = db.prepare<[number], { n: number; users: number }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT user_key) AS users FROM giveaway_entries WHERE round_id = ?',
    );
    this.insertDrawStmt = db.prepare(
      `INSERT INTO giveaway_draws (id, account_id, round_id, count, winners, entries_snapshot, method, created_at, reroll_of, replaced)
       VALUES (@id, @accountId, @roundId, @count, @winners, @snapshot, @method, @at, @rerollOf, @replaced)`,
    );
    this.drawsStmt = db.prepare<[number], DrawRow>('SELECT * FROM giveaway_draws WHERE round_id = ? ORDER BY created_at, rowid');
    this.drawByIdStmt = db.prepare<[string], DrawRow>('SELECT * FROM giveaway_draws WHERE id = ?');
  }

  openRound(accountId: string): number | undefined {
    return this.openRoundStmt.get(accountId)?.id;
  }

  newRound(accountId: string, at: number): number {
    return Number(this.newRoundStmt.run(accountId, at).lastInsertRowid);
  }

  clearRound(roundId: number, at: number): void {
    this.clearRoundStmt.run(at, roundId);
  }

  insertEntry(e: { roundId: number; accountId: string; username: string; userKey: string; text: string | null; source: string; at: number }): number {
    return Number(this.insertEntryStmt.run(e).lastInsertRowid);
  }

  entriesOfUser(roundId: number, userKey: string): number {
    return this.userCountStmt.get(roundId, userKey)!.n;
  }

  entries(roundId: number, limit?: number, offset = 0): EntryRow[] {
    return limit === undefined && offset === 0 ? this.entriesStmt.all(roundId) : this.entriesPageStmt.all(roundId, limit ?? -1, offset);
  }

  counts(roundId: number): { n: number; users: number } {
    return this.countStmt.get(roundId)!;
  }

  insertDraw(d: {
    id: string;
    accountId: string;
    roundId: number;
    count: number;
    winners: string[];
    snapshot: unknown;
    method: string;
    at: number;
    rerollOf?: string | null;
    replaced?: string | null;
  }): void {
    this.insertDrawStmt.run({
      ...d,
      winners: JSON.stringify(d.winners),
      snapshot: JSON.stringify(d.snapshot),
      rerollOf: d.rerollOf ?? null,
      replaced: d.replaced ?? null,
    });
  }

  draws(roundId: number): DrawRow[] {
    return this.drawsStmt.all(roundId);
  }

  drawById(id: string): DrawRow | undefined {
    return this.drawByIdStmt.get(id);
  }
}
