import { z } from 'zod';
import { ApiError } from '../../http/errors.js';
import { route } from '../../http/route.js';
import type { BackupFile } from '../../kernel/db/backup-files.js';
import { backupListSchema, takenBackupSchema, type Backup } from './schema.js';
import type { BackupService } from './service.js';

const TAG = 'Backups';

function view(b: BackupFile): Backup {
  return { file: b.file, kind: b.kind, bytes: b.bytes, createdAt: b.createdAt };
}

// keys:admin: a backup is a full copy of everything, API key hashes and webhook secrets included.
export function backupRoutes(service: BackupService) {
  return [
    route({
      method: 'get',
      path: '/backups',
      tag: TAG,
      summary: 'List the database backups in <data dir>/backups, newest first',
      scope: 'keys:admin',
      response: backupListSchema,
      handler: () => ({ directory: service.dir, backups: service.list().map(view) }),
    }),
    route({
      method: 'post',
      path: '/backups',
      tag: TAG,
      summary: 'Take a backup of the database now (kept until you delete it)',
      scope: 'keys:admin',
      status: 201,
      body: z.object({}).strict(),
      response: takenBackupSchema,
      handler: async () => {
        try {
          const b = await service.take('manual');
          return { backup: view(b), path: b.path };
        } catch (err) {
          throw new ApiError('INTERNAL_ERROR', `The backup could not be written to ${service.dir}: ${(err as Error).message}`);
        }
      },
    }),
  ];
}
