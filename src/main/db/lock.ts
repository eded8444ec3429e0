import fs from 'node:fs';
import path from 'node:path';
import { DatabaseOpenError } from './database.js';

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
    new DatabaseOpenError(`The data folder ${dir} is in use by ${by}. Stop it first, or start this one with another --data-dir.`);
  if (heldHere.has(dir)) throw refuse('another BuzzChat in this process');
  fs.mkdirSync(dir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 1) throw err;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw refuse(`another running BuzzChat (pid ${pid}; if that is not BuzzChat, delete ${file})`);
      }
      // Take the stale lock over by renaming it away: of two apps doing this at once only one rename succeeds
      // (the other gets ENOENT), so the loser cannot delete the winner's fresh lock. Either way, try again.
      const aside = `${file}.stale-${process.pid}`;
      try {
        fs.renameSync(file, aside);
        fs.rmSync(aside, { force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
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
