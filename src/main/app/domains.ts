import type { AppModule } from '../domains/define.js';
import type { AppServices } from './services.js';
import { practiceModule } from '../domains/practice/module.js';
import { practiceDemoModule } from '../domains/practice/demo.js';
import { webhooksModule } from '../domains/webhooks/module.js';
import { chatModule } from '../domains/chat/module.js';
import { botModule } from '../domains/bot/module.js';
import { backupsModule } from '../domains/backups/module.js';
import type { BackupScheduleOptions } from '../domains/backups/scheduler.js';

export { practiceUrl } from '../domains/practice/module.js';

export interface ModuleOptions {
  /** Start the practice stream and connect the active account's chat to it. */
  practice?: boolean;
  /** Browser executable; otherwise BUZZCHAT_BROWSER or auto-detection. */
  browserPath?: string;
  /** Headless browser (tests, CI). */
  headless?: boolean;
  /** Do not launch any browser (API-only runs, most tests). */
  noBrowser?: boolean;
  /** Daily automatic database backups (the shells turn them on; off in tests unless given short options). */
  autoBackup?: boolean | Partial<BackupScheduleOptions>;
}

/**
 * The modules that run beside the core services, in start order. Shared by the Electron shell,
 * the headless CLI and the tests, so they all run the same app.
 */
export function defaultModules(options: ModuleOptions = {}): (s: AppServices) => AppModule[] {
  return (s) => {
    // After the practice stream (whose page it may open); the bot subscribes to chat.gateway.
    const chat = chatModule(s, { practice: options.practice, browserPath: options.browserPath, headless: options.headless, noBrowser: options.noBrowser });
    return [
      // First, so it stops last: stopping waits for a backup being written before the database closes.
      backupsModule(s, { schedule: options.autoBackup ?? false }),
      ...(options.practice ? [practiceModule(s, { simulate: true, rate: 1.5 }), practiceDemoModule(s)] : []),
      webhooksModule(s),
      // Before chat: subscribed to the gateway before the driver delivers its first line.
      botModule(s, chat.gateway),
      chat,
    ];
  };
}
