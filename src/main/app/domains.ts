import type { Domain } from '../domains/define.js';
import type { RouteDef } from '../http/route.js';
import type { AppServices, Kernel } from './services.js';
import { accountsDomain } from '../domains/accounts/domain.js';
import { activityDomain } from '../domains/activity/domain.js';
import { analyticsDomain } from '../domains/analytics/domain.js';
import { apiKeysDomain } from '../domains/apikeys/domain.js';
import type { RateLimitConfig } from '../domains/apikeys/ratelimit.js';
import { eventsDomain } from '../domains/events/domain.js';
import { giveawayDomain } from '../domains/giveaway/domain.js';
import { messagesDomain } from '../domains/messages/domain.js';
import { overlaysDomain } from '../domains/overlays/domain.js';
import { settingsDomain } from '../domains/settings/domain.js';
import { showsDomain } from '../domains/shows/domain.js';
import { systemDomain } from '../domains/system/domain.js';
import { apiDescription } from '../http/openapi.js';
import type { McpLaunch } from '../domains/system/mcp-config.js';
import { practiceModule } from '../domains/practice/domain.js';
import { practiceDemoModule } from '../domains/practice/demo.js';
import { webhooksModule } from '../domains/webhooks/domain.js';
import { chatModule } from '../domains/chat/domain.js';
import { botModule } from '../domains/bot/domain.js';
import { backupsModule } from '../domains/backups/domain.js';
import type { BackupScheduleOptions } from '../domains/backups/scheduler.js';

export { practiceUrl } from '../domains/practice/domain.js';

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
export function defaultModules(options: ModuleOptions = {}): (s: AppServices) => Domain[] {
  return (s) => {
    // After the practice stream (whose page it may open); the bot subscribes to chat.gateway.
    const chat = chatModule(s, {
      practice: options.practice,
      browserPath: options.browserPath,
      headless: options.headless,
      noBrowser: options.noBrowser,
    });
    const shows = showsDomain(s, chat.gateway);
    // Analytics' ?show= reads each show's window from here.
    s.analytics.useShows(shows.service);
    return [
      // First, so it stops last: stopping waits for a backup being written before the database closes.
      backupsModule(s, { schedule: options.autoBackup ?? false }),
      ...(options.practice ? [practiceModule(s, { simulate: true, rate: 1.5 }), practiceDemoModule(s)] : []),
      webhooksModule(s),
      // Before chat: subscribed to the gateway and the bus before the driver delivers its first line or status.
      shows,
      botModule(s, chat.gateway),
      chat,
    ];
  };
}

/**
 * The core domains every app has, built in dependency order from the kernel; each factory is handed only what it
 * uses. Returns them (start order) with the services record the optional domains and the shells are built from.
 */
export function coreDomains(k: Kernel, o: { rateLimits?: RateLimitConfig; routes: () => RouteDef[]; mcp?: McpLaunch }) {
  const system = systemDomain({ clock: k.clock, description: apiDescription(o.routes), mcp: o.mcp });
  const apikeys = apiKeysDomain({ db: k.db, clock: k.clock, logger: k.logger, rateLimits: o.rateLimits });
  const accounts = accountsDomain(k);
  const deps = { ...k, accounts: accounts.service };
  const settings = settingsDomain(deps);
  const analytics = analyticsDomain(deps);
  const messages = messagesDomain({ ...deps, settings: settings.service });
  const giveaway = giveawayDomain({ ...deps, settings: settings.service });
  const events = eventsDomain(k);
  const services: AppServices = {
    ...k,
    keys: apikeys.service,
    accounts: accounts.service,
    settings: settings.service,
    messages: messages.service,
    giveaway: giveaway.service,
    chatEvents: analytics.store,
    analytics: analytics.service,
  };
  const overlays = overlaysDomain({ ...deps, keys: apikeys.service, settings: settings.service, giveaway: giveaway.service });
  const domains: Domain[] = [system, apikeys, accounts, settings, analytics, messages, giveaway, events, activityDomain(deps), overlays];
  return { domains, services, gate: apikeys.gate };
}
