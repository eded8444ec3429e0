import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { vi } from 'vitest';
import { tempDir } from '../helpers/app.js';

/**
 * Real storage failures where this machine allows them, simulations with the same error codes where not.
 * Root ignores chmod, so a read-only folder is a read-only bind mount and a full disk a small tmpfs filled
 * up (both need root and mount rights); an ordinary user gets chmod 555 instead of the bind mount. Without
 * either, the simulation makes the calls throw the errors those conditions raise (EROFS, ENOSPC, SQLITE_FULL),
 * taken from real SQLite where SQLite raises them.
 */

const mounts: string[] = [];

function tryMount(args: string[], target: string): boolean {
  try {
    execFileSync('mount', [...args, target], { stdio: 'ignore' });
    mounts.push(target);
    return true;
  } catch {
    return false;
  }
}

export function unmountAll(): void {
  for (const m of mounts.splice(0).reverse()) {
    try {
      execFileSync('umount', ['-l', m], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  }
}

const isRoot = process.getuid?.() === 0;
/** BUZZCHAT_TEST_SIMULATE_STORAGE=1 runs the simulations on a machine that could mount (to check them). */
const mayMount = isRoot && !process.env.BUZZCHAT_TEST_SIMULATE_STORAGE;

export interface ReadOnlyFolder {
  /** The folder as the app sees it (read-only). */
  dir: string;
  how: 'bind-mount' | 'chmod' | 'simulated';
  restore(): void;
}

/** `fill(writable)` prepares the folder (say, an existing database) before it becomes read-only. */
export function readOnlyFolder(fill: (writable: string) => void = () => {}): ReadOnlyFolder {
  const src = tempDir('buzzchat-ro-src-');
  fill(src);
  if (mayMount) {
    const dir = tempDir('buzzchat-ro-');
    if (tryMount(['--bind', src], dir) && tryMount(['-o', 'remount,bind,ro'], dir)) return { dir, how: 'bind-mount', restore: unmountAll };
    unmountAll();
  } else if (!isRoot && process.platform !== 'win32') {
    fs.chmodSync(src, 0o555);
    return { dir: src, how: 'chmod', restore: () => fs.chmodSync(src, 0o755) };
  }
  // Writes into the folder fail as on a read-only disk; reads work.
  const erofs = (p: unknown) => Object.assign(new Error(`EROFS: read-only file system, open '${String(p)}'`), { code: 'EROFS', errno: -30 });
  const inside = (p: unknown) => typeof p === 'string' && path.resolve(p).startsWith(src);
  const realOpen = fs.openSync;
  const realAccess = fs.accessSync;
  const spies = [
    vi.spyOn(fs, 'openSync').mockImplementation((p, flags, mode) => {
      if (inside(p) && flags !== 'r') throw erofs(p);
      return realOpen(p, flags, mode);
    }),
    vi.spyOn(fs, 'accessSync').mockImplementation((p, mode) => {
      if (inside(p) && mode === fs.constants.W_OK) throw erofs(p);
      realAccess(p, mode);
    }),
  ];
  return { dir: src, how: 'simulated', restore: () => spies.forEach((s) => s.mockRestore()) };
}

export interface SmallDisk {
  dir: string;
  real: boolean;
  /** Takes every free byte (real) or makes every SQLite write fail with SQLITE_FULL (simulated). */
  fill(db?: Database.Database): void;
  /** Gives the space back. */
  free(): void;
}

/** A folder on a 4 MB disk of its own (root with mount rights) or an ordinary folder with simulated fills. */
export function smallDisk(): SmallDisk {
  const dir = tempDir('buzzchat-tiny-');
  const filler = path.join(dir, 'filler');
  if (mayMount && tryMount(['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs'], dir)) {
    return {
      dir,
      real: true,
      fill(db) {
        // An empty WAL has to grow for the next commit: no write can slip into space it already holds.
        db?.pragma('wal_checkpoint(TRUNCATE)');
        const fd = fs.openSync(filler, 'a');
        try {
          for (;;) fs.writeSync(fd, Buffer.alloc(4096));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        } finally {
          fs.closeSync(fd);
        }
      },
      free: () => fs.rmSync(filler, { force: true }),
    };
  }
  let spies: { mockRestore(): void }[] = [];
  return {
    dir,
    real: false,
    fill() {
      // What a full disk fails: SQLite's writes (statements and schema scripts) and writes to files.
      const full = realSqliteError('full');
      const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 });
      const scratch = new Database(':memory:');
      const statement = Object.getPrototypeOf(scratch.prepare('SELECT 1'));
      scratch.close();
      const fail = (e: Error) => () => {
        throw e;
      };
      spies = [
        vi.spyOn(statement, 'run').mockImplementation(fail(full)),
        vi.spyOn(Database.prototype, 'exec').mockImplementation(fail(full)),
        vi.spyOn(fs, 'writeSync').mockImplementation(fail(enospc)),
      ];
    },
    free: () => spies.splice(0).forEach((s) => s.mockRestore()),
  };
}

/** The error SQLite itself raises for a full disk or a read-only database, made on a scratch database. */
export function realSqliteError(kind: 'full' | 'read-only'): Error {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (v BLOB)');
    if (kind === 'full') db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    else db.pragma('query_only = ON');
    db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024));
  } catch (err) {
    return err as Error;
  } finally {
    db.close();
  }
  throw new Error('SQLite accepted the write');
}
