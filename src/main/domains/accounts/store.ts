import type { Db } from '../../kernel/db/database.js';
import type { Account, Platform } from './schema.js';

interface Row {
  id: string;
  name: string;
  platform: Platform;
  url: string | null;
  is_active: number;
  created_at: number;
}

const toAccount = (r: Row): Account => ({
  id: r.id,
  name: r.name,
  platform: r.platform,
  url: r.url,
  isActive: r.is_active === 1,
  createdAt: new Date(r.created_at).toISOString(),
});

export class AccountStore {
  private listStmt;
  private byIdStmt;
  private activeStmt;
  private insertStmt;
  private updateStmt;
  private deleteStmt;
  private clearActiveStmt;
  private setActiveStmt;

  constructor(private db: Db) {
    this.listStmt = db.prepare<[], Row>('SELECT * FROM accounts ORDER BY created_at, id');
    this.byIdStmt = db.prepare<[string], Row>('SELECT * FROM accounts WHERE id = ?');
    this.activeStmt = db.prepare<[], Row>('SELECT * FROM accounts WHERE is_active = 1');
    this.insertStmt = db.prepare(
      'INSERT INTO accounts (id, name, platform, url, is_active, created_at) VALUES (@id, @name, @platform, @url, 0, @createdAt)',
    );
    this.updateStmt = db.prepare('UPDATE accounts SET name = @name, platform = @platform, url = @url WHERE id = @id');
    this.deleteStmt = db.prepare('DELETE FROM accounts WHERE id = ?');
    this.clearActiveStmt = db.prepare('UPDATE accounts SET is_active = 0 WHERE is_active = 1');
    this.setActiveStmt = db.prepare('UPDATE accounts SET is_active = 1 WHERE id = ?');
  }

  list(): Account[] {
    return this.listStmt.all().map(toAccount);
  }

  byId(id: string): Account | undefined {
    const r = this.byIdStmt.get(id);
    return r ? toAccount(r) : undefined;
  }

  active(): Account | undefined {
    const r = this.activeStmt.get();
    return r ? toAccount(r) : undefined;
  }

  insert(a: { id: string; name: string; platform: Platform; url: string | null; createdAt: number }): void {
    this.insertStmt.run(a);
  }

  update(a: { id: string; name: string; platform: Platform; url: string | null }): void {
    this.updateStmt.run(a);
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
  }

  setActive = (id: string): void => {
    this.db.transaction(() => {
      this.clearActiveStmt.run();
      this.setActiveStmt.run(id);
    })();
  };
}
