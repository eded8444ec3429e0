import type { Db } from '../../kernel/db/database.js';

export class SettingsStore {
  private getStmt;
  private putStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { json: string }>('SELECT json FROM settings WHERE account_id = ?');
    this.putStmt = db.prepare(
      `INSERT INTO settings (account_id, json, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (account_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    );
  }

  get(accountId: string): unknown | undefined {
    const row = this.getStmt.get(accountId);
    return row ? JSON.parse(row.json) : undefined;
  }

  put(accountId: string, value: unknown, at: number): void {
    this.putStmt.run(accountId, JSON.stringify(value), at);
  }
}
