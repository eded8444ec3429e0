import { backupsApi, type Backup } from '../../../shared/contract/backups.js';
import { ApiError } from '../../http/errors.js';
import { implement } from '../../http/route.js';
import type { BackupFile } from '../../kernel/db/backup-files.js';
import type { BackupService } from './service.js';

function view(b: BackupFile): Backup {
  return { file: b.file, kind: b.kind, bytes: b.bytes, createdAt: b.createdAt };
}

export function backupRoutes(service: BackupService) {
  return implement(backupsApi, {
    list: () => ({ directory: service.dir, backups: service.list().map(view) }),
    take: async () => {
      try {
        const b = await service.take('manual');
        return { backup: view(b), path: b.path };
      } catch (err) {
        throw new ApiError('INTERNAL_ERROR', `The backup could not be written to ${service.dir}: ${(err as Error).message}`);
      }
    },
  });
}
