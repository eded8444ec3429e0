import path from 'node:path';
import { DB_FILE_NAME } from '../../kernel/db/database.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { Logger } from '../../kernel/logger.js';
import type { Domain } from '../define.js';
import { backupRoutes } from './routes.js';
import { DEFAULT_BACKUP_SCHEDULE, BackupScheduler, type BackupScheduleOptions } from './scheduler.js';
import { BackupService, type BackupServiceOptions } from './service.js';

export interface BackupsModuleOptions extends Partial<BackupServiceOptions> {
  /** Automatic backups: off unless given (tests); the shells turn them on. */
  schedule?: Partial<BackupScheduleOptions> | boolean;
}

export interface BackupsModule extends Domain {
  service: BackupService;
  scheduler: BackupScheduler | null;
}

/** Database backups: the API, and when asked for, a daily automatic backup once the app has started. */
export function backupsModule(s: { dataDir: string; db: Db; clock: Clock; logger: Logger }, options: BackupsModuleOptions = {}): BackupsModule {
  const { schedule, ...serviceOptions } = options;
  const service = new BackupService(s.db, path.join(s.dataDir, DB_FILE_NAME), s.clock, s.logger, serviceOptions);
  const scheduler = schedule
    ? new BackupScheduler(service, s.clock, s.logger, { ...DEFAULT_BACKUP_SCHEDULE, ...(schedule === true ? {} : schedule) })
    : null;
  return {
    name: 'backups',
    service,
    scheduler,
    routes: backupRoutes(service),
    start: () => scheduler?.start(),
    // A manual backup (POST /backups) may still be running without a scheduler.
    stop: () => (scheduler ? scheduler.stop() : service.idle()),
  };
}
