import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations.js';
import { backupDirFor, finishCopy, freeBackupPath, partialPath, removePartial, restoreHint } from './backup-files.js';

export type Db = Database.Database;

/** Thrown when the data file cannot be used as-is; the file is left untouched. */
export class DatabaseOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export const SCHEMA_VERSION = migrations.length;

/** The database file inside a data dir. */
export const DB_FILE_NAME = 'buzzchat.db';

/**
 * Opens (or creates) the SQLite file and brings its schema up to date.
 * A corrupt file or one written by a newer BuzzChat is refused with a clear message (naming the newest backup)
 * and never overwritten. Before an existing database is upgraded, a copy of it is written to the backups folder;
 * if that copy cannot be written the upgrade is refused.
 */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const { db, version } = openChecked(file, false);
  if (version > 0 && version < SCHEMA_VERSION && file !== ':memory:') {
    try {
      writePreUpgradeCopy(db, file);
    } catch (err) {
      db.close();
      throw new DatabaseOpenError(
        `Database ${file} was not upgraded from schema version ${version} to ${SCHEMA_VERSION}: the copy taken before ` +
          `upgrading could not be written to ${backupDirFor(file)} (${(err as Error).message}). The database was left ` +
          'untouched; free some disk space or make that folder writable, then start again.',
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
        'The failed step was rolled back; restore a backup or report this.' +
        restoreHint(file),
    );
  }
  return db;
}

/**
 * Opens an existing BuzzChat database only to copy it (`buzzchat backup`), beside a server that may be running on
 * it: the same checks as openDatabase, but no migration and no change to the file's settings.
 */
export function openDatabaseForBackup(file: string): Db {
  if (!fs.existsSync(file)) throw new DatabaseOpenError(`There is no database at ${file}, so there is nothing to back up.`);
  const { db, version } = openChecked(file, true);
  if (version === 0) {
    db.close();
    throw new DatabaseOpenError(`Database ${file} holds no BuzzChat data yet, so there is nothing to back up.`);
  }
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Opens the file and refuses one that is corrupt, newer than this BuzzChat or another program's. */
function openChecked(file: string, mustExist: boolean): { db: Db; version: number } {
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: mustExist });
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
        'It was left untouched: move it aside or restore a backup, then start again.' +
        restoreHint(file),
    );
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new DatabaseOpenError(
      `Database ${file} has schema version ${version}, newer than this BuzzChat understands (${SCHEMA_VERSION}). ` +
        'Update BuzzChat; the file was left untouched.' +
        restoreHint(file),
    );
  }
  if (version === 0) {
    // A fresh BuzzChat file has no tables yet; one with tables but no version belongs to something else.
    const foreign = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 3").pluck().all();
    if (foreign.length > 0) {
      db.close();
      throw new DatabaseOpenError(
        `Database ${file} is not a BuzzChat database (it already has tables: ${foreign.join(', ')}). ` +
          'It was left untouched: use another --data-dir or move the file aside.' +
          restoreHint(file),
      );
    }
  }
  return { db, version };
}

/** A complete copy of the database as it is before the upgrade; synchronous, like the upgrade that follows. */
function writePreUpgradeCopy(db: Db, file: string): string {
  const dir = backupDirFor(file);
  fs.mkdirSync(dir, { recursive: true });
  const final = freeBackupPath(dir, 'pre-upgrade', Date.now(), SCHEMA_VERSION);
  const partial = partialPath(final);
  try {
    db.prepare('VACUUM INTO ?').run(partial);
  } catch (err) {
    removePartial(partial);
    throw err;
  }
  finishCopy(partial, final, (f) => new Database(f, { fileMustExist: true }));
  return final;
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
