import fs from 'node:fs';
import path from 'node:path';

/**
 * Why the data folder or its database cannot be used, named from the error's code and never guessed from its
 * text: a read-only folder must not be reported as a corrupt database (a user may then replace a good file).
 */

/** Thrown when the data folder or its database cannot be used as-is; the files are left untouched. */
export class DatabaseOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export type StorageKind =
  | 'read-only' // the folder or file cannot be written (read-only disk or mount)
  | 'permission' // the user lacks the rights to write (or read) it
  | 'full' // no space (or quota) left on the disk
  | 'corrupt' // SQLite says the file is damaged or not a database
  | 'newer' // written by a newer BuzzChat
  | 'foreign' // another program's SQLite file
  | 'in-use' // another BuzzChat holds the data folder
  | 'cannot-open' // SQLite cannot open the file and the folder looks fine
  | 'missing'; // nothing to open

/**
 * A DatabaseOpenError with its cause as a kind: `message` is the problem on its first line and the fix on the
 * next, so a shell can print it as it is.
 */
export class StorageError extends DatabaseOpenError {
  readonly kind: StorageKind;
  readonly fix: string;
  /** The error code it was classified from (SQLITE_FULL, EROFS, ...), when there was one. */
  readonly code?: string;

  constructor(kind: StorageKind, problem: string, fix: string, code?: string) {
    super(fix ? `${problem}\n${fix}` : problem);
    // Kept: the shells recognise a refused data folder by this name (it survives bundling into other chunks).
    this.kind = kind;
    this.fix = fix;
    this.code = code;
  }
}

/** The code of an fs (EROFS) or better-sqlite3 (SQLITE_FULL, SQLITE_READONLY_DBMOVED) error. */
export function errorCode(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export type FailureKind = 'full' | 'read-only' | 'permission' | 'corrupt';

/** What a code alone says, without looking at the disk; SQLite's extended codes carry their primary one first. */
export function failureKind(err: unknown): FailureKind | null {
  const code = errorCode(err);
  if (!code) return null;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'full';
  if (code === 'EROFS' || code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) return 'read-only';
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') return 'permission';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_')) return 'corrupt';
  return null;
}

/** Plain words for a cause, to finish a sentence: "... because the disk is full". */
export function plainCause(kind: FailureKind): string {
  switch (kind) {
    case 'full':
      return 'the disk is full';
    case 'read-only':
      return 'the data folder is read-only';
    case 'permission':
      return 'BuzzChat has no permission to write in the data folder';
    case 'corrupt':
      return 'the database file is corrupt';
  }
}

function nearestExisting(p: string): string {
  let dir = path.resolve(p);
  while (!fs.existsSync(dir)) {
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

/**
 * Looks at the folder (and file) for the cause when the error's code does not name one: SQLite reports a
 * folder where it cannot create its -wal/-shm files as SQLITE_CANTOPEN, and a recursive mkdir on a read-only
 * disk fails with ENOENT. `space` false skips the free-space check (root may still write into reserved blocks).
 */
export function diagnoseFolder(dir: string, file?: string, space = true): FailureKind | null {
  const targets = file && fs.existsSync(file) ? [nearestExisting(dir), file] : [nearestExisting(dir)];
  for (const target of targets) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (err) {
      const kind = failureKind(err);
      if (kind) return kind;
    }
  }
  if (!space) return null;
  try {
    const s = fs.statfsSync(targets[0]!);
    if (s.bavail === 0) return 'full';
  } catch {
    // statfs is missing on some platforms: no diagnosis then.
  }
  return null;
}

const DIR_FLAG = '(--data-dir or BUZZCHAT_DATA_DIR)';

/** The message and fix for a folder that cannot be written; `doing` says what was refused. */
export function folderError(kind: 'full' | 'read-only' | 'permission', dataDir: string, doing: string, code?: string): StorageError {
  const dir = path.resolve(dataDir);
  if (kind === 'full') {
    return new StorageError(
      kind,
      `The disk is full: BuzzChat cannot ${doing} (data folder ${dir}).`,
      'Free some disk space, then start again; nothing was changed.',
      code,
    );
  }
  if (kind === 'read-only') {
    return new StorageError(
      kind,
      `The data folder ${dir} is read-only, so BuzzChat cannot ${doing}.`,
      `Make the folder writable (or its disk: remount it read-write), or use another data folder ${DIR_FLAG}; nothing was changed.`,
      code,
    );
  }
  return new StorageError(
    kind,
    `BuzzChat has no permission to write in its data folder ${dir}, so it cannot ${doing}.`,
    `Give your user write access to that folder and the files in it, or use another data folder ${DIR_FLAG}; nothing was changed.`,
    code,
  );
}

/**
 * A folder-level StorageError for a failure while opening or preparing the data folder, or null when the error
 * says nothing about the folder (then the caller words it). Never answers 'corrupt': only SQLite reading the
 * file can say that, and the caller handles it.
 */
export function folderFailure(err: unknown, dataDir: string, doing: string, file?: string): StorageError | null {
  if (err instanceof StorageError) return err;
  const direct = failureKind(err);
  const kind = direct ?? (AMBIGUOUS.test(errorCode(err) ?? '') ? diagnoseFolder(dataDir, file) : null);
  if (!kind || kind === 'corrupt') return null;
  return folderError(kind, dataDir, doing, errorCode(err));
}

/** Codes that say something failed without saying why; only these send us looking at the folder. */
const AMBIGUOUS = /^(SQLITE_CANTOPEN|SQLITE_IOERR|ENOENT$|EIO$)/;
