import fs from 'node:fs';
import path from 'node:path';
import { StorageError, folderFailure } from '../storage-error.js';

const LOCK_FILE = 'buzzchat.lock';
/** Data dirs held by apps in this process (a pid check cannot tell two of them apart). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file and the file's identity, read from one open file so they belong together. */
function readLock(file: string): { pid: number; ino: number } {
  const fd = fs.openSync(file, 'r');
  try {
    return { pid: Number(fs.readFileSync(fd, 'utf8').trim()), ino: fs.fstatSync(fd).ino };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * One running app per data dir. Two apps on one database (the desktop app and `buzzchat serve`, both on the
 * default folder) would re-queue each other's in-flight messages at start, overwrite each other's rate-limit
 * counters and serve stale cached settings. A lock left by a process that is gone is taken over.
 * Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  const refuse = (by: string) =>
    new StorageError('in-use', `The data folder ${dir} is in use by ${by}.`, 'Stop it first, or start this one with another --data-dir.');
  if (heldHere.has(dir)) throw refuse('another BuzzChat in this process');
  try {
    takeLock(dir, file, refuse);
  } catch (err) {
    // A read-only folder or a full disk is said in plain words, not as a stack.
    throw folderFailure(err, dir, 'start') ?? err;
  }
  heldHere.add(dir);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    heldHere.delete(dir);
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
    } catch {
      // Already gone: nothing to release.
    }
  };
}

/** Writes our pid into a new lock file; one we created but could not fill (disk full) is removed again. */
function writeLock(file: string): void {
  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeSync(fd, String(process.pid));
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw err;
  }
  fs.closeSync(fd);
}

function takeLock(dir: string, file: string, refuse: (by: string) => Error): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      writeLock(file);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 1) throw err;
      const { pid, ino } = readLock(file);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw refuse(`another running BuzzChat (pid ${pid}; if that is not BuzzChat, delete ${file})`);
      }
      // Take the stale lock over by renaming it away, then check it was the stale one we read (same inode): two
      // apps doing this at once could otherwise move each other's fresh lock. A fresh one is put back.
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
        if (fs.statSync(aside).ino !== ino) {
          try {
            fs.linkSync(aside, file);
          } catch {
            // Someone wrote a newer lock meanwhile: theirs stands.
          }
        }
        fs.rmSync(aside, { force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
}
