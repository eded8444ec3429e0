import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from '../../src/main/kernel/db/migrations.js';
import { WAIT_MS } from '../helpers/wait.js';

/** A database file as an older BuzzChat left it: only the first `version` migrations applied. */
export function oldVersionDb(file: string, version: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  for (let v = 0; v < version; v++) db.exec(migrations[v]!);
  db.pragma(`user_version = ${version}`);
  db.prepare("INSERT INTO accounts (id, name, platform, is_active, created_at) VALUES ('acc_old', 'Old shop', 'whatnot', 1, 1)").run();
  db.close();
}

export function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export async function waitFor<T>(probe: () => T | null | undefined | false, timeoutMs = WAIT_MS): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
