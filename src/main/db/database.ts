import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/** Thrown when the data file cannot be used as-is; the file is left untouched. */
export class DatabaseOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export const SCHEMA_VERSION = migrations.length;

/**
 * Opens (or creates) the SQLite file and brings its schema up to date.
 * A corrupt file or one written by a newer BuzzChat is refused with a clear message and never overwritten.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: false });
  } catch (err) {
    throw new DatabaseOpenError(`Cannot open database ${file}: ${(err as Error).message}`);
  }
  try {
    // Reading the header forces SQLite to validate the file before we write anything.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
  } catch (err) {
    db.close();
    throw new DatabaseOpenError(
      `Database ${file} is corrupt or not a BuzzChat database (${(err as Error).message}). ` +
        'It was left untouched: move it aside or restore a backup, then start again.',
    );
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new DatabaseOpenError(
      `Database ${file} has schema version ${version}, newer than this BuzzChat understands (${SCHEMA_VERSION}). ` +
        'Update BuzzChat; the file was left untouched.',
    );
  }
  if (version === 0) {
    // A fresh BuzzChat file has no tables yet; one with tables but no version belongs to something else.
    const foreign = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 3").pluck().all();
    if (foreign.length > 0) {
      db.close();
      throw new DatabaseOpenError(
        `Database ${file} is not a BuzzChat database (it already has tables: ${foreign.join(', ')}). ` +
          'It was left untouched: use another --data-dir or move the file aside.',
      );
    }
  }
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  try {
    migrate(db, version);
  } catch (err) {
    db.close();
    throw new DatabaseOpenError(
      `Database ${file} could not be upgraded from schema version ${version} (${(err as Error).message}). ` +
        'The failed step was rolled back; restore a backup or report this.',
    );
  }
  return db;
}

function migrate(db: Db, from: number): void {
  for (let v = from; v < migrations.length; v++) {
    const apply = db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    });
    apply();
  }
}
