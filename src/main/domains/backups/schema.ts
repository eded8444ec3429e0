import { z } from 'zod';
import { backupSchema } from '../../kernel/db/backup-files.js';

export { backupSchema, backupKinds, type Backup, type BackupKind } from '../../kernel/db/backup-files.js';

export const backupListSchema = z.object({
  directory: z.string().describe('The backups folder: <data dir>/backups'),
  backups: z.array(backupSchema).describe('Newest first'),
});

export const takenBackupSchema = z.object({
  backup: backupSchema,
  path: z.string().describe('Full path of the new backup file'),
});
export type BackupList = z.infer<typeof backupListSchema>;
export type TakenBackup = z.infer<typeof takenBackupSchema>;
