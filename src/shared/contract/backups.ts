import { z } from 'zod';
import { op } from './op.js';

export const backupKinds = ['automatic', 'manual', 'pre-upgrade'] as const;
export type BackupKind = (typeof backupKinds)[number];

export const backupSchema = z.object({
  file: z.string().describe('File name inside the backups folder'),
  kind: z.enum(backupKinds).describe('automatic (daily, newest 7 kept), manual (on request) or pre-upgrade (before a schema upgrade; kept)'),
  bytes: z.number().int(),
  createdAt: z.string().describe('ISO 8601 time the backup was taken'),
});
export type Backup = z.infer<typeof backupSchema>;

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

const TAG = 'Backups';

// keys:admin: a backup is a full copy of everything, API key hashes and webhook secrets included.
export const backupsApi = {
  list: op({
    method: 'get',
    path: '/backups',
    tag: TAG,
    summary: 'List the database backups in <data dir>/backups, newest first',
    scope: 'keys:admin',
    response: backupListSchema,
  }),
  take: op({
    method: 'post',
    path: '/backups',
    tag: TAG,
    summary: 'Take a backup of the database now (kept until you delete it)',
    scope: 'keys:admin',
    status: 201,
    body: z.object({}).strict(),
    response: takenBackupSchema,
  }),
};
