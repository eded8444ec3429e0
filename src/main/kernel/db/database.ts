import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations.js';
import { backupDirFor, finishCopy, freeBackupPath, partialPath, removePartial, restoreHint } from './backup-files.js';
import { DatabaseOpenError, StorageError, diagnoseFolder, errorCode, failureKind, folderError, folderFailure, plainCause } from '../storage-error.js';

export type Db = Database.Database;

export { DatabaseOpenError, StorageError };

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
  if (file !== ':memory:') {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (err) {
      throw folderFailure(err, path.dirname(file), 'create its data folder') ?? err;
    }
    // A folder that cannot be written is said before opening: SQLite may open the file read-only and only fail
    // at the first write (a key being created), or fail to open it in a way that looks like damage.
    const denied = diagnoseFolder(path.dirname(file), file, false);
    if (denied === 'read-only' || denied === 'permission') throw folderError(denied, path.dirname(file), 'save anything');
  }
  const { db, version } = openChecked(file, false);
  if (version > 0 && version < SCHEMA_VERSION && file !== ':memory:') {
    try {
      writePreUpgradeCopy(db, file);
    } catch (err) {
      db.close();
      throw preUpgradeCopyError(err, file, version);
    }
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db, version);
  } catch (err) {
    db.close();
    throw (
      folderFailure(err, path.dirname(file), version === 0 ? 'create its database' : 'upgrade its database', file) ??
      new DatabaseOpenError(
        `Database ${file} could not be upgraded from schema version ${version} (${(err as Error).message}). ` +
          'The failed step was rolled back; restore a backup or report this.' +
          restoreHint(file),
      )
    );
  }
  return db;
}

function preUpgradeCopyError(err: unknown, file: string, version: number): StorageError {
  const kind = failureKind(err);
  const reason = kind && kind !== 'corrupt' ? plainCause(kind) : (err as Error).message;
  const fix =
    kind === 'full'
      ? 'Free some disk space, then start again.'
      : kind === 'read-only' || kind === 'permission'
        ? `Make ${backupDirFor(file)} writable, then start again.`
        : 'Free some disk space or make that folder writable, then start again.';
  return new StorageError(
    kind === 'full' || kind === 'read-only' || kind === 'permission' ? kind : 'cannot-open',
    `Database ${file} was not upgraded from schema version ${version} to ${SCHEMA_VERSION}: the copy taken before ` +
      `upgrading could not be written to ${backupDirFor(file)} (${reason}); the database was left untouched.`,
    fix,
    errorCode(err),
  );
}

/**
 * Opens an existing BuzzChat database only to copy it (`buzzchat backup`), beside a server that may be running on
 * it: the same checks as openDatabase, but no migration and no change to the file's settings.
 */
export function openDatabaseForBackup(file: string): Db {
  if (!fs.existsSync(file)) throw new StorageError('missing', `There is no database at ${file}, so there is nothing to back up.`, '');
  const { db, version } = openChecked(file, true);
  if (version === 0) {
    db.close();
    throw new StorageError('missing', `Database ${file} holds no BuzzChat data yet, so there is nothing to back up.`, '');
  }
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Opens the file and refuses one that is corrupt, newer than this BuzzChat or another program's. */
function openChecked(file: string, mustExist: boolean): { db: Db; version: number } {
  const dir = path.dirname(file);
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: mustExist });
  } catch (err) {
    throw folderFailure(err, dir, 'open its database', file) ?? cannotOpen(file, err);
  }
  try {
    // Reading the header forces SQLite to validate the file before we write anything.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
  } catch (err) {
    db.close();
    // Only SQLite's own verdict on the file's bytes makes it corrupt; a folder it cannot write its -wal/-shm
    // files in, a full disk or missing rights are said as such.
    if (failureKind(err) !== 'corrupt') throw folderFailure(err, dir, 'open its database', file) ?? cannotOpen(file, err);
    throw new StorageError(
      'corrupt',
      `Database ${file} is corrupt or not a BuzzChat database (${(err as Error).message}); it was left untouched.`,
      'Move it aside or restore a backup, then start again.' + restoreHint(file),
      errorCode(err),
    );
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    // One line: the fix comes before the hint, which names the backup to go back to.
    throw new StorageError(
      'newer',
      `Database ${file} has schema version ${version}, newer than this BuzzChat understands (${SCHEMA_VERSION}). ` +
        'Update BuzzChat; the file was left untouched.' +
        restoreHint(file),
      '',
    );
  }
  if (version === 0) {
    // A fresh BuzzChat file has no tables yet; one with tables but no version belongs to something else.
    const foreign = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 3").pluck().all();
    if (foreign.length > 0) {
      db.close();
      throw new StorageError(
        'foreign',
        `Database ${file} is not a BuzzChat database (it already has tables: ${foreign.join(', ')}); it was left untouched.`,
        'Use another --data-dir or move the file aside.' + restoreHint(file),
      );
    }
  }
  return { db, version };
}

function cannotOpen(file: string, err: unknown): StorageError {
  return new StorageError(
    'cannot-open',
    `BuzzChat cannot open its database file ${file} (${(err as Error).message}).`,
    'Check that this path is a file (not a folder) and that your user can read and write it and its folder.',
    errorCode(err),
  );
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
