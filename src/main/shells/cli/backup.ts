import path from 'node:path';
import { openDatabaseForBackup, DB_FILE_NAME } from '../../kernel/db/database.js';
import { BackupService } from '../../domains/backups/service.js';
import { restoreSteps } from '../../kernel/db/backup-files.js';
import { consoleLogger } from '../../kernel/logger.js';
import { systemClock } from '../../kernel/clock.js';
import { dataDirOf, line, type CliContext } from './context.js';

/**
 * Copies the database next to it, with a connection of its own: no data-dir lock and no migration, so it works
 * while a server or the desktop app runs on the same folder.
 */
export async function backup(o: { dataDir?: string }, ctx: CliContext): Promise<number> {
  const file = path.join(dataDirOf(o.dataDir, ctx.env), DB_FILE_NAME);
  const db = openDatabaseForBackup(file);
  const say = line(ctx);
  try {
    // All pages in one step: a write by a running server would restart a copy taken in small steps.
    const service = new BackupService(db, file, systemClock, consoleLogger, { pagesPerStep: 0x7fffffff });
    const taken = await service.take('manual');
    say(`Backup written (${taken.bytes} bytes). To restore it: ${restoreSteps(taken.path, file)}`);
    // Alone on the last line, for scripts.
    say(taken.path);
    return 0;
  } finally {
    db.close();
  }
}
