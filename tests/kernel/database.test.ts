import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase, SCHEMA_VERSION } from '../../src/main/kernel/db/database.js';
import { tempDir } from '../helpers/app.js';

describe('database', () => {
  it('creates the schema with WAL, foreign keys and the current version', () => {
    const file = path.join(tempDir(), 'buzzchat.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'accounts',
        'settings',
        'api_keys',
        'rate_limits',
        'giveaway_entries',
        'giveaway_draws',
        'messages',
        'chat_events',
        'webhooks',
        'webhook_deliveries',
      ]),
    );
    db.close();
  });

  it('refuses a corrupt file with a clear message and leaves it untouched', () => {
    const file = path.join(tempDir(), 'buzzchat.db');
    const junk = Buffer.from('this is not a database '.repeat(300));
    fs.writeFileSync(file, junk);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(/corrupt or not a BuzzChat database.*left untouched/);
    expect(fs.readFileSync(file)).toEqual(junk);
  });

  it('refuses a database from a newer BuzzChat and leaves it untouched', () => {
    const file = path.join(tempDir(), 'buzzchat.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/newer than this BuzzChat/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it("refuses another program's SQLite file with a clear message and leaves it untouched", () => {
    const file = path.join(tempDir(), 'buzzchat.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE accounts (x); CREATE TABLE notes (y)');
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(/not a BuzzChat database.*accounts, notes.*left untouched/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('reopens its own database without migrating again', () => {
    const file = path.join(tempDir(), 'buzzchat.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});
