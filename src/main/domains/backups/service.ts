import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import {
  backupDirFor,
  finishCopy,
  freeBackupPath,
  listBackupFiles,
  partialPath,
  removePartial,
  removeStalePartials,
  type BackupFile,
} from '../../kernel/db/backup-files.js';
import type { Logger } from '../../kernel/logger.js';

export interface BackupServiceOptions {
  /** Automatic backups kept; older ones are deleted. Pre-upgrade copies are never pruned. */
  keep: number;
  /** Manual backups (POST /backups, `buzzchat backup`) kept; older ones are deleted. */
  keepManual: number;
  /** Bytes the manual backups may take together; the oldest go first, the newest is always kept. */
  manualMaxBytes: number;
  /**
   * Pages copied per step of the online backup. Between steps the app keeps serving; a write from another
   * connection (the CLI beside a running server) restarts the copy, so the CLI copies everything in one step.
   */
  pagesPerStep: number;
}

export const DEFAULT_BACKUP_SERVICE_OPTIONS: BackupServiceOptions = { keep: 7, keepManual: 10, manualMaxBytes: 2 * 1024 ** 3, pagesPerStep: 1000 };

const HOUR = 3_600_000;

/** Copies of the live database into <data dir>/backups, taken one at a time, and their pruning. */
export class BackupService {
  readonly dir: string;
  private readonly options: BackupServiceOptions;
  private running: Promise<unknown> = Promise.resolve();
  private inProgress = 0;

  constructor(
    private readonly db: Db,
    dbFile: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: Partial<BackupServiceOptions> = {},
  ) {
    this.dir = backupDirFor(dbFile);
    this.options = { ...DEFAULT_BACKUP_SERVICE_OPTIONS, ...options };
  }

  /** Newest first. */
  list(): BackupFile[] {
    return listBackupFiles(this.dir);
  }

  newest(): BackupFile | null {
    return this.list()[0] ?? null;
  }

  /** Takes a backup now; one at a time, so a request during the daily backup waits for it rather than racing it. */
  take(kind: 'automatic' | 'manual'): Promise<BackupFile> {
    this.inProgress++;
    const next = this.running.then(() => this.copy(kind));
    this.running = next.catch(() => undefined).finally(() => this.inProgress--);
    return next;
  }

  /** Resolves once no backup is being written (stop() waits for this before the database closes). */
  async idle(): Promise<void> {
    while (this.inProgress > 0) await this.running;
  }

  /**
   * Deletes automatic backups beyond the newest `keep`, and manual ones beyond the newest `keepManual` or past
   * `manualMaxBytes` together (oldest first; the newest manual copy stays whatever its size). Returns the
   * deleted file names.
   */
  prune(): string[] {
    const all = this.list();
    const automatic = all.filter((b) => b.kind === 'automatic');
    const manual = all.filter((b) => b.kind === 'manual');
    const doomed = automatic.slice(this.options.keep);
    let bytes = 0;
    manual.forEach((b, i) => {
      bytes += b.bytes;
      if (i > 0 && (i >= this.options.keepManual || bytes > this.options.manualMaxBytes)) doomed.push(b);
    });
    const removed: string[] = [];
    for (const old of doomed) {
      try {
        fs.rmSync(old.path, { force: true });
        removed.push(old.file);
      } catch (err) {
        this.logger.warn(`Could not delete old backup ${old.path}:`, err);
      }
    }
    removeStalePartials(this.dir, HOUR, this.clock.now());
    return removed;
  }

  private async copy(kind: 'automatic' | 'manual'): Promise<BackupFile> {
    fs.mkdirSync(this.dir, { recursive: true });
    const final = freeBackupPath(this.dir, kind, this.clock.now());
    const partial = partialPath(final);
    const rate = this.options.pagesPerStep;
    try {
      await this.db.backup(partial, { progress: () => rate });
    } catch (err) {
      removePartial(partial);
      throw err;
    }
    finishCopy(partial, final, (f) => new Database(f, { fileMustExist: true }));
    this.prune();
    const taken = this.list().find((b) => b.path === final);
    if (!taken) throw new Error(`backup ${final} vanished right after it was written`);
    return taken;
  }
}
