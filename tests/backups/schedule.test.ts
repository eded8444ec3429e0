import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackupScheduler } from '../../src/main/domains/backups/scheduler.js';
import type { BackupService } from '../../src/main/domains/backups/service.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { silentLogger } from '../../src/main/kernel/logger.js';
import { backupsModule, type BackupsModule } from '../../src/main/domains/backups/domain.js';
import { backupFileName, listBackupFiles, type BackupFile } from '../../src/main/kernel/db/backup-files.js';
import { defaultModules } from '../../src/main/app/domains.js';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { readOnly, waitFor } from './fixtures.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

async function start(options: Parameters<typeof backupsModule>[1], dataDir = tempDir()) {
  let mod: BackupsModule | undefined;
  const t = await startTestApp({
    dataDir,
    modules: (s) => {
      mod = backupsModule(s, options);
      return [mod];
    },
  });
  apps.push(t);
  return { t, mod: mod!, list: () => listBackupFiles(path.join(dataDir, 'backups')) };
}

describe('automatic backups', () => {
  it('takes one shortly after start when there is none, then one every interval, keeping the newest few', async () => {
    const { list } = await start({ schedule: { delayMs: 30, intervalMs: 150 }, keep: 2 });
    const first = await waitFor(() => list()[0]);
    expect(first.kind).toBe('automatic');
    await waitFor(() => list().length === 2 && list()[0]!.file !== first.file);
    // A third and fourth: pruned down to two, the first one gone.
    await waitFor(() => !list().some((b) => b.file === first.file));
    expect(list().length).toBeLessThanOrEqual(2);
    expect(list().every((b) => b.kind === 'automatic')).toBe(true);
  });

  it('takes none at start when the newest backup is recent: the next one is due an interval after it', async () => {
    // Proving "none yet" needs the timers, not a sleep: the scheduler runs on fake timers and a manual clock.
    vi.useFakeTimers();
    try {
      const clock = new ManualClock(Date.UTC(2025, 0, 24, 10, 0, 0));
      const recent = { createdAtMs: clock.now() - 3_600_000 } as BackupFile;
      const take = vi.fn(async () => ({ ...recent, path: 'b.db' }) as BackupFile);
      const service = { newest: () => recent, take, idle: async () => {} } as unknown as BackupService;
      const scheduler = new BackupScheduler(service, clock, silentLogger, { delayMs: 10, intervalMs: 24 * 3_600_000, retryMs: 60_000 });
      scheduler.start();
      await vi.advanceTimersByTimeAsync(23 * 3_600_000 - 1);
      expect(take).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(take).toHaveBeenCalledExactlyOnceWith('automatic');
      await scheduler.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes one at start when the newest backup is older than the interval', async () => {
    const dataDir = tempDir();
    const old = backupFileName('automatic', Date.now() - 25 * 3_600_000);
    fs.mkdirSync(path.join(dataDir, 'backups'));
    fs.writeFileSync(path.join(dataDir, 'backups', old), 'stands in for a backup');
    const { list } = await start({ schedule: { delayMs: 10 } }, dataDir);
    const taken = await waitFor(() => list().find((b) => b.file !== old));
    expect(taken.kind).toBe('automatic');
  });

  it('waits for a backup being written before the database closes on stop', async () => {
    const { t, mod, list } = await start({});
    const pending = mod.service.take('automatic');
    await t.stop();
    const b = await pending;
    expect(list().map((x) => x.file)).toEqual([b.file]);
    readOnly(b.path, (c) => expect(c.pragma('integrity_check', { simple: true })).toBe('ok'));
  });

  it('is off in the default modules unless a shell turns it on', async () => {
    const off = tempDir();
    apps.push(await startTestApp({ dataDir: off, modules: defaultModules({ noBrowser: true }) }));
    const on = tempDir();
    apps.push(await startTestApp({ dataDir: on, modules: defaultModules({ noBrowser: true, autoBackup: { delayMs: 10 } }) }));
    await waitFor(() => listBackupFiles(path.join(on, 'backups')).length === 1);
    expect(fs.existsSync(path.join(off, 'backups'))).toBe(false);
  });
});
