import type { Db } from '../../kernel/db/database.js';
import type { ShowStats, StreamEvent } from './schema.js';

export interface ShowRow {
  id: string;
  account_id: string;
  platform: string;
  title: string | null;
  url: string | null;
  started_at: number;
  ended_at: number | null;
  end_reason: string | null;
  stats: string;
  updated_at: number;
}

export interface StreamEventRow {
  id: number;
  show_id: string | null;
  type: string;
  data: string;
  created_at: number;
}

/** Shows, their distinct chatters and the platform's stream events. */
export class ShowStore {
  private insertStmt;
  private openStmt;
  private allOpenStmt;
  private byIdStmt;
  private listStmt;
  private endStmt;
  private statsStmt;
  private chatterStmt;
  private chattersCountStmt;
  private eventStmt;
  private eventsStmt;

  constructor(private db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO shows (id, account_id, platform, title, url, started_at, stats, updated_at)
       VALUES (@id, @accountId, @platform, @title, @url, @startedAt, @stats, @startedAt)`,
    );
    this.openStmt = db.prepare<[string], ShowRow>('SELECT * FROM shows WHERE account_id = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1');
    this.allOpenStmt = db.prepare<[], ShowRow>('SELECT * FROM shows WHERE ended_at IS NULL');
    this.byIdStmt = db.prepare<[string], ShowRow>('SELECT * FROM shows WHERE id = ?');
    this.listStmt = db.prepare<[string, number], ShowRow>('SELECT * FROM shows WHERE account_id = ? ORDER BY started_at DESC LIMIT ?');
    this.endStmt = db.prepare('UPDATE shows SET ended_at = ?, end_reason = ?, stats = ?, updated_at = ? WHERE id = ?');
    this.statsStmt = db.prepare('UPDATE shows SET stats = ?, updated_at = ?, title = COALESCE(?, title) WHERE id = ?');
    this.chatterStmt = db.prepare('INSERT OR IGNORE INTO show_chatters (show_id, user_key) VALUES (?, ?)');
    this.chattersCountStmt = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM show_chatters WHERE show_id = ?');
    this.eventStmt = db.prepare('INSERT INTO stream_events (account_id, show_id, type, data, created_at) VALUES (?, ?, ?, ?, ?)');
    this.eventsStmt = db.prepare<[string, number], StreamEventRow>(
      'SELECT id, show_id, type, data, created_at FROM stream_events WHERE show_id = ? ORDER BY id LIMIT ?',
    );
  }

  insert(s: {
    id: string;
    accountId: string;
    platform: string;
    title: string | null;
    url: string | null;
    startedAt: number;
    stats: ShowStats;
  }): void {
    this.insertStmt.run({ ...s, stats: JSON.stringify(s.stats) });
  }

  open(accountId: string): ShowRow | undefined {
    return this.openStmt.get(accountId);
  }

  allOpen(): ShowRow[] {
    return this.allOpenStmt.all();
  }

  byId(id: string): ShowRow | undefined {
    return this.byIdStmt.get(id);
  }

  list(accountId: string, limit: number): ShowRow[] {
    return this.listStmt.all(accountId, limit);
  }

  end(id: string, at: number, reason: string, stats: ShowStats): void {
    this.endStmt.run(at, reason, JSON.stringify(stats), at, id);
  }

  /** Saves the running figures and the chatters seen since the last save, in one transaction. */
  save(id: string, stats: ShowStats, newChatters: Iterable<string>, at: number, title: string | null): void {
    this.db.transaction(() => {
      for (const k of newChatters) this.chatterStmt.run(id, k);
      this.statsStmt.run(JSON.stringify(stats), at, title, id);
    })();
  }

  chatters(id: string): number {
    return this.chattersCountStmt.get(id)!.n;
  }

  addEvent(accountId: string, showId: string | null, event: StreamEvent, at: number): number {
    return Number(this.eventStmt.run(accountId, showId, event.type, JSON.stringify(event), at).lastInsertRowid);
  }

  events(showId: string, limit: number): StreamEventRow[] {
    return this.eventsStmt.all(showId, limit);
  }
}
