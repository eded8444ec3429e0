import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * Backup files of a BuzzChat database: where they live, how they are named and how they are read back.
 * In the db layer because openDatabase needs them too (the pre-upgrade copy, the restore hint); the backups
 * domain builds the service, the schedule and the API on top.
 *
 * Names carry the kind and the time, so a folder listing sorts each kind by time and nothing else has to be
 * stored: `buzzchat-2026-11-25T12-00-00.000Z.db` (automatic), `buzzchat-manual-<time>.db` (taken on request),
 * `buzzchat-before-v<N>-<time>.db` (written before upgrading to schema version N; never pruned).
 */

export const BACKUP_DIR_NAME = 'backups';

import { backupKinds, type Backup, type BackupKind } from '../../../shared/contract/backups.js';

export { backupKinds, type Backup, type BackupKind };

/** Partial copies carry this suffix until complete, so a half-written file is never listed as a backup. */
const PARTIAL_SUFFIX = '.partial';

// Colons are not allowed in Windows file names, hence 12-00-00 instead of 12:00:00.
const STAMP = String.raw`(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d(?:\.\d{3})?Z)`;
const NAME = new RegExp(String.raw`^buzzchat-(?:(manual)-|before-v(\d+)-)?${STAMP}\.db$`);

export function backupDirFor(dbFile: string): string {
  return path.join(path.dirname(dbFile), BACKUP_DIR_NAME);
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/:/g, '-');
}

function parseStamp(s: string): number {
  return Date.parse(s.replace(/T(\d\d)-(\d\d)-(\d\d)/, 'T$1:$2:$3'));
}

export function backupFileName(kind: BackupKind, at: number, schemaVersion?: number): string {
  if (kind === 'manual') return `buzzchat-manual-${stamp(at)}.db`;
  if (kind === 'pre-upgrade') return `buzzchat-before-v${schemaVersion}-${stamp(at)}.db`;
  return `buzzchat-${stamp(at)}.db`;
}

/**
 * A path no backup (finished or in progress) uses yet. Two backups within one millisecond (a frozen test clock,
 * the CLI racing the schedule) get the next free millisecond, so names stay unique and in time order.
 */
export function freeBackupPath(dir: string, kind: BackupKind, at: number, schemaVersion?: number): string {
  for (let t = at; ; t++) {
    const p = path.join(dir, backupFileName(kind, t, schemaVersion));
    if (!fs.existsSync(p) && !fs.existsSync(p + PARTIAL_SUFFIX)) return p;
  }
}

export interface BackupFile extends Backup {
  path: string;
  createdAtMs: number;
}

/** The backups in a folder, newest first; files that are not ours (or not finished) are ignored. */
export function listBackupFiles(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupFile[] = [];
  for (const file of names) {
    const m = NAME.exec(file);
    if (!m) continue;
    const createdAtMs = parseStamp(m[3]!);
    if (!Number.isFinite(createdAtMs)) continue;
    const p = path.join(dir, file);
    let bytes: number;
    try {
      const st = fs.statSync(p);
      if (!st.isFile()) continue;
      bytes = st.size;
    } catch {
      continue; // pruned meanwhile
    }
    const kind: BackupKind = m[1] ? 'manual' : m[2] ? 'pre-upgrade' : 'automatic';
    out.push({ file, kind, bytes, createdAt: new Date(createdAtMs).toISOString(), path: p, createdAtMs });
  }
  return out.sort((a, b) => b.createdAtMs - a.createdAtMs || (a.file < b.file ? 1 : -1));
}

/**
 * Writes `final` by way of a partial file renamed into place once `write` has produced a complete, checked
 * copy. The copy is switched to a rollback journal so it is one self-contained file (no -wal/-shm beside it)
 * that can be copied over buzzchat.db as it is.
 */
export function finishCopy(partial: string, final: string, open: (file: string) => Database.Database): void {
  try {
    const copy = open(partial);
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy failed its integrity check (${String(check)})`);
    } finally {
      copy.close();
    }
    fs.renameSync(partial, final);
  } catch (err) {
    removePartial(partial);
    throw err;
  }
}

export function partialPath(final: string): string {
  return final + PARTIAL_SUFFIX;
}

export function removePartial(partial: string): void {
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(f, { force: true });
}

/** Partial files left by a crash; only old ones, since another process may be writing one right now. */
export function removeStalePartials(dir: string, olderThanMs: number, now: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith('buzzchat-') || !name.includes(PARTIAL_SUFFIX)) continue;
    const p = path.join(dir, name);
    try {
      if (now - fs.statSync(p).mtimeMs > olderThanMs) fs.rmSync(p, { force: true });
    } catch {
      // Gone already.
    }
  }
}

/** What a user does to go back to a backup. */
export function restoreSteps(backupPath: string, dbFile: string): string {
  return `stop BuzzChat, copy ${backupPath} over ${dbFile}, delete ${dbFile}-wal and ${dbFile}-shm if they exist, then start BuzzChat again.`;
}

/** How to get back to the newest backup, for the messages that refuse a database; '' when there is none. */
export function restoreHint(dbFile: string): string {
  const newest = listBackupFiles(backupDirFor(dbFile))[0];
  if (!newest) return '';
  return ` The newest backup is ${newest.path} (${newest.kind}, taken ${newest.createdAt}). To restore it: ${restoreSteps(newest.path, dbFile)}`;
}
