import type { Db } from '../../kernel/db/database.js';
import type { Scope } from './schema.js';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export class ApiKeyStore {
  private insertStmt;
  private byHashStmt;
  private listStmt;
  private byIdStmt;
  private revokeStmt;
  private touchStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO api_keys (id, name, prefix, hash, scopes, created_at) VALUES (@id, @name, @prefix, @hash, @scopes, @created_at)',
    );
    this.byHashStmt = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE hash = ?');
    this.listStmt = db.prepare<[], ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
    this.byIdStmt = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
    this.revokeStmt = db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.touchStmt = db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?');
  }

  insert(row: { id: string; name: string; prefix: string; hash: string; scopes: Scope[] | null; createdAt: number }): void {
    this.insertStmt.run({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      hash: row.hash,
      scopes: JSON.stringify(row.scopes),
      created_at: row.createdAt,
    });
  }

  byHash(hash: string): ApiKeyRow | undefined {
    return this.byHashStmt.get(hash);
  }

  byId(id: string): ApiKeyRow | undefined {
    return this.byIdStmt.get(id);
  }

  list(): ApiKeyRow[] {
    return this.listStmt.all();
  }

  revoke(id: string, at: number): boolean {
    return this.revokeStmt.run(at, id).changes > 0;
  }

  touch(id: string, at: number): void {
    this.touchStmt.run(at, id);
  }
}
