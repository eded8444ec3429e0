import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BackupService } from '../../src/main/domains/backups/service.js';
import { systemClock } from '../../src/main/kernel/clock.js';
import { DatabaseOpenError, openDatabase, openDatabaseForBackup, SCHEMA_VERSION } from '../../src/main/kernel/db/database.js';
import { listBackupFiles } from '../../src/main/kernel/db/backup-files.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { tempDir } from '../helpers/app.js';
import { oldVersionDb, readOnly } from './fixtures.js';

const schemaNames = (db: Database.Database) => db.prepare('SELECT name FROM sqlite_master ORDER BY name').pluck().all();

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('openDatabase and backups', () => {
  it('copies a database from an older schema into backups/ before upgrading it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'buzzchat.db');
    oldVersionDb(file, 1);
    const reference = path.join(tempDir(), 'v1.db');
    oldVersionDb(reference, 1);
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(schemaNames(db)).not.toEqual(readOnly(reference, schemaNames));
    db.close();
    const [copy, ...others] = listBackupFiles(path.join(dir, 'backups'));
    expect(others).toEqual([]);
    expect(copy!.kind).toBe('pre-upgrade');
    expect(copy!.file).toMatch(new RegExp(`^buzzchat-before-v${SCHEMA_VERSION}-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d\\.\\d{3}Z\\.db$`));
    // The copy is the database as it was: old version, same rows, complete.
    readOnly(copy!.path, (c) => {
      expect(c.pragma('user_version', { simple: true })).toBe(1);
      expect(c.prepare('SELECT id, name FROM accounts').all()).toEqual([{ id: 'acc_old', name: 'Old shop' }]);
      expect(c.pragma('integrity_check', { simple: true })).toBe('ok');
      // Exactly the old schema: nothing a later migration adds.
      expect(schemaNames(c)).toEqual(readOnly(reference, schemaNames));
    });
    // Opening the current database again copies nothing more; a fresh database is never copied.
    openDatabase(file).close();
    openDatabase(path.join(tempDir(), 'buzzchat.db')).close();
    expect(listBackupFiles(path.join(dir, 'backups'))).toHaveLength(1);
  });

  it('refuses to upgrade when the copy cannot be written, and leaves the database untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'buzzchat.db');
    oldVersionDb(file, 2);
    fs.writeFileSync(path.join(dir, 'backups'), 'a file where the folder should be');
    const before = fs.readFileSync(file);
    const err = errorOf(() => openDatabase(file));
    expect(err).toBeInstanceOf(DatabaseOpenError);
    expect(err.message).toMatch(/not upgraded from schema version 2 .*could not be written.*left untouched/);
    expect(fs.readFileSync(file)).toEqual(before);
    readOnly(file, (c) => expect(c.pragma('user_version', { simple: true })).toBe(2));
  });

  it('names the newest backup and how to restore it when the database is corrupt', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'buzzchat.db');
    const db = openDatabase(file);
    const service = new BackupService(db, file, systemClock, silentLogger);
    await service.take('automatic');
    const newest = await service.take('manual');
    db.close();
    fs.writeFileSync(file, Buffer.from('not a database '.repeat(500)));
    const err = errorOf(() => openDatabase(file));
    expect(err).toBeInstanceOf(DatabaseOpenError);
    expect(err.message).toContain('corrupt or not a BuzzChat database');
    expect(err.message).toContain(`The newest backup is ${newest.path}`);
    expect(err.message).toMatch(/stop BuzzChat, copy .* over .*buzzchat\.db, delete .*buzzchat\.db-wal and .*buzzchat\.db-shm if they exist/);
    // Following the advice works.
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
    fs.copyFileSync(newest.path, file);
    openDatabase(file).close();
  });

  it('names the newest backup for a database from a newer BuzzChat, and says nothing of backups when there are none', () => {
    const dir = tempDir();
    const file = path.join(dir, 'buzzchat.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(errorOf(() => openDatabase(file)).message).not.toMatch(/newest backup/);
    fs.mkdirSync(path.join(dir, 'backups'));
    fs.writeFileSync(path.join(dir, 'backups', 'buzzchat-2026-01-02T03-04-05.000Z.db'), 'x');
    expect(errorOf(() => openDatabase(file)).message).toMatch(
      /newer than this BuzzChat.*newest backup is .*buzzchat-2026-01-02T03-04-05\.000Z\.db \(automatic, taken 2026-01-02T03:04:05\.000Z\)/,
    );
  });

  it('opens a database for a backup without upgrading it, and refuses a missing one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'buzzchat.db');
    expect(() => openDatabaseForBackup(file)).toThrow(/no database at/);
    expect(fs.existsSync(file)).toBe(false);
    oldVersionDb(file, 1);
    const db = openDatabaseForBackup(file);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });
});
