import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { openDatabase, StorageError } from '../../src/main/kernel/db/database.js';
import { failureKind } from '../../src/main/kernel/storage-error.js';
import { LogThrottle } from '../../src/main/kernel/log-throttle.js';
import type { Logger } from '../../src/main/kernel/logger.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { readOnlyFolder, realSqliteError, smallDisk, unmountAll } from './storage-fixtures.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  vi.restoreAllMocks();
  unmountAll();
});

function errorOf(fn: () => unknown): StorageError {
  try {
    fn();
  } catch (err) {
    return err as StorageError;
  }
  throw new Error('did not throw');
}

function existingDatabase(dir: string): void {
  openDatabase(path.join(dir, 'buzzchat.db')).close();
}

/** A logger keeping its lines, as the server and the modules would write them. */
function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (...a: unknown[]) => lines.push(a.map((x) => (x instanceof Error ? x.stack : String(x))).join(' '));
  return { lines, info: keep, warn: keep, error: keep };
}

/** Every plain storage message: a first line naming the cause and the folder, a second with the fix, no stack. */
function expectPlain(err: StorageError, firstLine: RegExp): void {
  expect(err).toBeInstanceOf(StorageError);
  const lines = err.message.split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(firstLine);
  expect(err.message).not.toMatch(/corrupt|\n\s+at /);
}

describe('storage failures are named by their code', () => {
  it('reads the kind from the codes SQLite and the file system really raise', () => {
    expect(failureKind(realSqliteError('full'))).toBe('full');
    expect(realSqliteError('full')).toMatchObject({ code: 'SQLITE_FULL' });
    expect(failureKind(realSqliteError('read-only'))).toBe('read-only');
    expect(realSqliteError('read-only')).toMatchObject({ code: 'SQLITE_READONLY' });
    for (const [code, kind] of [
      ['ENOSPC', 'full'],
      ['EDQUOT', 'full'],
      ['EROFS', 'read-only'],
      ['EACCES', 'permission'],
      ['EPERM', 'permission'],
      ['SQLITE_READONLY_DBMOVED', 'read-only'],
      ['SQLITE_CORRUPT_INDEX', 'corrupt'],
      ['SQLITE_NOTADB', 'corrupt'],
    ] as const) {
      expect(failureKind(Object.assign(new Error(code), { code }))).toBe(kind);
    }
    expect(failureKind(Object.assign(new Error('x'), { code: 'SQLITE_CANTOPEN' }))).toBeNull();
    expect(failureKind(new Error('no code'))).toBeNull();
  });

  it('still calls a truly corrupt file corrupt, and leaves it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'buzzchat.db');
    fs.writeFileSync(file, Buffer.from('not a database '.repeat(500)));
    const before = fs.readFileSync(file);
    const err = errorOf(() => openDatabase(file));
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe('corrupt');
    expect(err.code).toBe('SQLITE_NOTADB');
    expect(err.message.split('\n')[0]).toMatch(/is corrupt or not a BuzzChat database \(file is not a database\); it was left untouched\.$/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('lets the same failure into the log at most once a minute, counting the ones held back', () => {
    let now = 0;
    const t = new LogThrottle(60_000, () => now);
    expect(t.pass('full')).toBe(0);
    now = 59_999;
    expect(t.pass('full')).toBeNull();
    expect(t.pass('full')).toBeNull();
    expect(t.pass('read-only')).toBe(0);
    now = 60_000;
    expect(t.pass('full')).toBe(2);
    expect(t.pass('full')).toBeNull();
  });
});

describe('a read-only data folder', () => {
  it('refuses to start in plain words that name the folder, not "corrupt"', async () => {
    const ro = readOnlyFolder(existingDatabase);
    cleanups.push(ro.restore);
    const err = (await startTestApp({ dataDir: ro.dir }).then(
      () => new Error('started'),
      (e: unknown) => e,
    )) as StorageError;
    const kind = ro.how === 'chmod' ? 'permission' : 'read-only';
    expect(err.kind).toBe(kind);
    expectPlain(
      err,
      kind === 'read-only'
        ? new RegExp(`^The data folder ${ro.dir} is read-only, so BuzzChat cannot start`)
        : /no permission to write in its data folder/,
    );
    expect(err.message.split('\n')[1]).toMatch(/^Make the folder writable|^Give your user write access/);
  });

  it('is not called corrupt when a key is created in it (`buzzchat keys create`)', async () => {
    const ro = readOnlyFolder(existingDatabase);
    cleanups.push(ro.restore);
    // SQLite cannot make the -shm file beside a WAL database there and says "unable to open database file".
    const err = errorOf(() => openDatabase(path.join(ro.dir, 'buzzchat.db')));
    expectPlain(err, ro.how === 'chmod' ? /no permission/ : new RegExp(`^The data folder ${ro.dir} is read-only`));
    if (ro.how === 'simulated') return; // the CLI runs in a process of its own, where the simulation does not reach
    // As a user runs it (from source: the test must not depend on a build).
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/main/shells/cli/index.ts', 'keys', 'create', '--name', 'ci', '--data-dir', ro.dir],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^buzzchat: ${ro.how === 'chmod' ? 'BuzzChat has no permission' : `The data folder ${ro.dir} is read-only`}`),
    );
    expect(r.stderr).not.toMatch(/corrupt|\n\s+at /);
    expect(r.stdout).not.toMatch(/bz_live_/);
  });
});

describe('a full disk', () => {
  it('refuses to start with "the disk is full" and leaves no empty lock behind', async () => {
    const disk = smallDisk();
    existingDatabase(disk.dir);
    disk.fill();
    cleanups.push(disk.free);
    const err = (await startTestApp({ dataDir: disk.dir }).then(
      () => new Error('started'),
      (e: unknown) => e,
    )) as StorageError;
    expect(err.kind).toBe('full');
    expectPlain(err, new RegExp(`^The disk is full: BuzzChat cannot start \\(data folder ${disk.dir}\\)\\.$`));
    expect(fs.existsSync(path.join(disk.dir, 'buzzchat.lock'))).toBe(false);
  });

  it('refuses to create a database on it with "the disk is full", not a failed upgrade', () => {
    const disk = smallDisk();
    disk.fill();
    cleanups.push(disk.free);
    const err = errorOf(() => openDatabase(path.join(disk.dir, 'buzzchat.db')));
    expect(err.kind).toBe('full');
    expectPlain(err, /^The disk is full: BuzzChat cannot create its database \(data folder /);
  });

  it('answers API writes with STORAGE_FULL 507 while reads go on, logs one line for many, and recovers', async () => {
    const disk = smallDisk();
    const logger = capturingLogger();
    const t: TestApp = await startTestApp({ dataDir: disk.dir, logger });
    cleanups.push(() => t.stop());
    cleanups.push(disk.free);
    const session = { key: t.app.sessionToken };
    disk.fill(t.app.services.db);
    const writes = [];
    for (let i = 0; i < 12; i++)
      writes.push(
        await t.call(
          'PATCH',
          '/api/v1/settings',
          { welcomeMessages: Array.from({ length: 20 }, (_, j) => `Welcome ${i}.${j} ${'x'.repeat(400)}`) },
          session,
        ),
      );
    for (let i = 0; i < 3; i++) writes.push(await t.call('POST', '/api/v1/accounts', { name: `Shop ${i}`, platform: 'twitch' }, session));
    for (const r of writes) {
      expect(r.status, JSON.stringify(r.json)).toBe(507);
      expect(r.json).toEqual({
        success: false,
        error: { code: 'STORAGE_FULL', message: 'The disk is full: free space and try again; nothing was saved' },
      });
    }
    expect((await t.call('GET', '/api/v1/settings', undefined, session)).status).toBe(200);
    const storageLines = logger.lines.filter((l) => /Storage:/.test(l));
    expect(storageLines).toHaveLength(1);
    expect(storageLines[0]).toMatch(/^Storage: the disk is full \((SQLITE_FULL|ENOSPC)\) on PATCH \/api\/v1\/settings; answering STORAGE_FULL 507$/);
    expect(logger.lines.join('\n')).not.toMatch(/\n\s+at /);
    disk.free();
    const after = await t.call('PATCH', '/api/v1/settings', { welcomeMessage: 'Back' }, session);
    expect(after.status, JSON.stringify(after.json)).toBe(200);
  });

  it('answers STORAGE_READ_ONLY 503 when the database turns read-only under a running app', async () => {
    const logger = capturingLogger();
    const t = await startTestApp({ logger });
    cleanups.push(() => t.stop());
    // query_only makes SQLite refuse every write with SQLITE_READONLY, as a disk remounted read-only does.
    t.app.services.db.pragma('query_only = ON');
    cleanups.push(() => void t.app.services.db.pragma('query_only = OFF'));
    const session = { key: t.app.sessionToken };
    for (let i = 0; i < 3; i++) {
      const r = await t.call('PATCH', '/api/v1/settings', { welcomeMessage: `Hi ${i}` }, session);
      expect(r.status, logger.lines.join('\n')).toBe(503);
      expect(r.json.error).toEqual({
        code: 'STORAGE_READ_ONLY',
        message: 'The data folder is read-only: make it writable and try again; nothing was saved',
      });
    }
    expect(logger.lines.filter((l) => /Storage: the data folder is read-only \(SQLITE_READONLY\)/.test(l))).toHaveLength(1);
  });
});

describe('the fixtures', () => {
  it('really fail writes the way they claim to', () => {
    const disk = smallDisk();
    cleanups.push(disk.free);
    const db = new Database(path.join(disk.dir, 'probe.db'));
    cleanups.push(() => void db.close());
    db.exec('CREATE TABLE t (v BLOB)');
    disk.fill(db);
    expect(() => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024))).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
  });
});
