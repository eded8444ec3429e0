import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupService, type BackupServiceOptions } from '../../src/main/domains/backups/service.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { openDatabase, SCHEMA_VERSION, type Db } from '../../src/main/kernel/db/database.js';
import { backupFileName } from '../../src/main/kernel/db/backup-files.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { tempDir } from '../helpers/app.js';
import { readOnly } from './fixtures.js';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

function setup(keep?: number | Partial<BackupServiceOptions>) {
  const dir = tempDir();
  const file = path.join(dir, 'buzzchat.db');
  const db = openDatabase(file);
  open.push(db);
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0));
  const service = new BackupService(db, file, clock, silentLogger, keep === undefined ? {} : typeof keep === 'number' ? { keep } : keep);
  return { dir, file, db, clock, service };
}

describe('BackupService', () => {
  it('writes a complete BuzzChat database with the same rows, as one file named by kind and time', async () => {
    const { dir, db, service } = setup();
    const insert = db.prepare("INSERT INTO accounts (id, name, platform, is_active, created_at) VALUES (?, ?, 'whatnot', 0, 1)");
    for (let i = 0; i < 500; i++) insert.run(`acc_${i}`, `Shop ${i} ${'x'.repeat(200)}`);
    const b = await service.take('automatic');
    expect(b.file).toBe('buzzchat-2026-11-25T12-00-00.000Z.db');
    expect(b.kind).toBe('automatic');
    expect(b.createdAt).toBe('2026-11-25T12:00:00.000Z');
    expect(b.bytes).toBe(fs.statSync(b.path).size);
    // Nothing but the finished file: no partial copy, no -wal/-shm beside it.
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual([b.file]);
    const rows = (d: typeof db) => d.prepare('SELECT id, name FROM accounts ORDER BY id').all();
    const copy = readOnly(b.path, (c) => ({
      version: c.pragma('user_version', { simple: true }),
      rows: rows(c),
      check: c.pragma('integrity_check', { simple: true }),
    }));
    expect(copy.version).toBe(SCHEMA_VERSION);
    expect(copy.check).toBe('ok');
    expect(copy.rows).toEqual(rows(db));
    expect(copy.rows).toHaveLength(500);
    // And BuzzChat itself opens it as its own database.
    const restored = path.join(tempDir(), 'buzzchat.db');
    fs.copyFileSync(b.path, restored);
    const reopened = openDatabase(restored);
    open.push(reopened);
    expect(rows(reopened)).toEqual(rows(db));
  });

  it('gives backups taken within one millisecond distinct names, newest first in the list', async () => {
    const { service } = setup();
    const a = await service.take('manual');
    const b = await service.take('manual');
    expect(a.file).not.toBe(b.file);
    expect(service.list().map((x) => x.file)).toEqual([b.file, a.file]);
  });

  it('keeps the newest 7 automatic backups, every pre-upgrade one and the manual one', async () => {
    const { dir, clock, service } = setup();
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    // Pre-upgrade copies older than every automatic backup: still kept.
    for (const v of [2, 3]) fs.writeFileSync(path.join(backups, backupFileName('pre-upgrade', clock.now() - v * 86_400_000 * 30, v)), 'x');
    const manual = await service.take('manual');
    const automatic: string[] = [];
    for (let i = 0; i < 10; i++) {
      clock.advance(86_400_000);
      automatic.push((await service.take('automatic')).file);
    }
    // Not ours: left alone.
    fs.writeFileSync(path.join(backups, 'notes.txt'), 'mine');
    service.prune();
    const left = service.list();
    expect(left.filter((b) => b.kind === 'automatic').map((b) => b.file)).toEqual(automatic.slice(3).reverse());
    expect(left.filter((b) => b.kind === 'pre-upgrade')).toHaveLength(2);
    expect(left.filter((b) => b.kind === 'manual').map((b) => b.file)).toEqual([manual.file]);
    expect(fs.existsSync(path.join(backups, 'notes.txt'))).toBe(true);
  });

  it('keeps the newest 10 manual backups by default (a fuzz left 36 copies)', async () => {
    const { clock, service } = setup();
    const taken: string[] = [];
    for (let i = 0; i < 14; i++) {
      clock.advance(1000);
      taken.push((await service.take('manual')).file);
    }
    const automatic = await service.take('automatic');
    const left = service.list();
    expect(left.filter((b) => b.kind === 'manual').map((b) => b.file)).toEqual(taken.slice(4).reverse());
    expect(left.map((b) => b.file)).toContain(automatic.file);
  });

  it('caps the bytes manual backups take, dropping the oldest but never the newest', async () => {
    const { db, clock, service } = setup({ keepManual: 100, manualMaxBytes: 1 });
    const first = await service.take('manual');
    expect(service.list().map((b) => b.file)).toEqual([first.file]);
    clock.advance(1000);
    const second = await service.take('manual');
    expect(service.list().map((b) => b.file)).toEqual([second.file]);
    // Room for two copies of this size: the third takes the place of the oldest.
    const size = second.bytes;
    const roomy = new BackupService(db, path.join(path.dirname(path.dirname(second.path)), 'buzzchat.db'), clock, silentLogger, {
      keepManual: 100,
      manualMaxBytes: 2 * size + size / 2,
    });
    clock.advance(1000);
    const third = await roomy.take('manual');
    clock.advance(1000);
    const fourth = await roomy.take('manual');
    expect(roomy.list().map((b) => b.file)).toEqual([fourth.file, third.file]);
  });

  it('honours a smaller keep', async () => {
    const { clock, service } = setup(2);
    for (let i = 0; i < 4; i++) {
      clock.advance(1000);
      await service.take('automatic');
    }
    expect(service.list()).toHaveLength(2);
  });

  it('never lists a half-written copy, and removes stale ones', async () => {
    const { dir, clock, service } = setup();
    const backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
    const partial = path.join(backups, `${backupFileName('automatic', clock.now() - 5000)}.partial`);
    fs.writeFileSync(partial, 'half');
    expect(service.list()).toEqual([]);
    clock.advance(2 * 3_600_000);
    fs.utimesSync(partial, new Date(clock.now() - 2 * 3_600_000), new Date(clock.now() - 2 * 3_600_000));
    await service.take('automatic');
    expect(fs.existsSync(partial)).toBe(false);
  });

  it('fails cleanly when the backups folder cannot be written, leaving nothing behind', async () => {
    const { dir, service } = setup();
    fs.writeFileSync(path.join(dir, 'backups'), 'a file where the folder should be');
    await expect(service.take('manual')).rejects.toThrow();
    expect(fs.readFileSync(path.join(dir, 'backups'), 'utf8')).toMatch(/a file/);
    // The next one after the cause is gone works (the queue is not stuck on the failure).
    fs.rmSync(path.join(dir, 'backups'));
    expect((await service.take('manual')).kind).toBe('manual');
  });
});
