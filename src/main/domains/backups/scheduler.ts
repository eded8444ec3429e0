import type { Clock } from '../../kernel/clock.js';
import type { Logger } from '../../kernel/logger.js';
import type { BackupService } from './service.js';

export interface BackupScheduleOptions {
  /** Time between automatic backups. */
  intervalMs: number;
  /** Wait after start before a due backup, so start-up is not slowed by it. */
  delayMs: number;
  /** Wait before trying again after a failed backup. */
  retryMs: number;
}

export const DEFAULT_BACKUP_SCHEDULE: BackupScheduleOptions = {
  intervalMs: 24 * 3_600_000,
  delayMs: 60_000,
  retryMs: 3_600_000,
};

/** setTimeout holds at most this many ms (about 24.8 days); longer waits fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Takes an automatic backup once the newest backup (of any kind) is `intervalMs` old: at start after a short
 * delay if one is due, then every interval. Timers are unref'd, so they never keep the process alive.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly service: BackupService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: BackupScheduleOptions,
  ) {}

  start(): void {
    this.stopped = false;
    const newest = this.service.newest();
    const due = newest ? newest.createdAtMs + this.options.intervalMs : this.clock.now();
    this.schedule(Math.max(this.options.delayMs, due - this.clock.now()));
  }

  /** Cancels the next backup and waits for one being written. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.service.idle();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.run(), Math.min(ms, MAX_TIMER_MS));
    this.timer.unref();
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    try {
      const b = await this.service.take('automatic');
      this.logger.info(`Backup written: ${b.path}`);
      this.schedule(this.options.intervalMs);
    } catch (err) {
      this.logger.error(`Automatic backup failed (retrying in ${Math.round(this.options.retryMs / 60_000)} min):`, err);
      this.schedule(this.options.retryMs);
    }
  }
}
