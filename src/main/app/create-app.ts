import path from 'node:path';
import { systemClock, type Clock } from '../kernel/clock.js';
import { openDatabase, type Db } from '../kernel/db/database.js';
import { lockDataDir } from '../kernel/db/lock.js';
import { EventBus } from '../kernel/events/bus.js';
import { EventPublisher } from '../kernel/events/publisher.js';
import { consoleLogger, type Logger } from '../kernel/logger.js';
import { AccountStore } from '../domains/accounts/store.js';
import { AccountService } from '../domains/accounts/service.js';
import { ChatEventStore } from '../domains/analytics/store.js';
import { AnalyticsService } from '../domains/analytics/service.js';
import { ApiKeyStore } from '../domains/apikeys/store.js';
import { ApiKeyService } from '../domains/apikeys/service.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitConfig } from '../domains/apikeys/ratelimit.js';
import { GiveawayStore } from '../domains/giveaway/store.js';
import { GiveawayService } from '../domains/giveaway/service.js';
import { MessageStore } from '../domains/messages/store.js';
import { MessageService } from '../domains/messages/service.js';
import { SettingsStore } from '../domains/settings/store.js';
import { SettingsService } from '../domains/settings/service.js';
import { ApiServer } from '../http/server.js';
import { coreRoutes } from './core-routes.js';
import type { AppModule } from '../domains/define.js';
import type { AppServices } from './services.js';
import { eventStreamModule } from '../domains/events/routes.js';
import { openApiRoutes } from '../http/openapi-routes.js';

export const DEFAULT_PORT = 3847;

export interface AppOptions {
  dataDir: string;
  /** 0 picks a free port (tests). */
  port?: number;
  clock?: Clock;
  logger?: Logger;
  rateLimits?: RateLimitConfig;
  /** Built renderer to serve at `/`. */
  rendererDir?: string;
  /** Extra modules built from the services (chat, bot, webhooks, practice); see modules.ts. */
  modules?: (services: AppServices) => AppModule[];
}

export interface App {
  services: AppServices;
  server: ApiServer;
  port: number;
  baseUrl: string;
  /** Per-launch dashboard token (all scopes); handed to the renderer by preload or the headless URL. */
  sessionToken: string;
  stop(): Promise<void>;
}

/** The composition root: builds every service from one data dir, starts the HTTP API and the modules. */
export async function createApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const unlock = lockDataDir(options.dataDir);
  let db: Db | null = null;
  try {
    db = openDatabase(path.join(options.dataDir, 'buzzchat.db'));
    return await startCore(options, db, clock, logger, unlock);
  } catch (err) {
    // Whatever failed (a service constructor, a module, the port), the folder is free again for the next try.
    db?.close();
    unlock();
    throw err;
  }
}

async function startCore(options: AppOptions, db: Db, clock: Clock, logger: Logger, unlock: () => void): Promise<App> {
  const bus = new EventBus();
  const events = new EventPublisher(bus, clock);
  const chatEvents = new ChatEventStore(db);
  const keys = new ApiKeyService(new ApiKeyStore(db), clock);
  const accounts = new AccountService(new AccountStore(db), clock, events);
  accounts.ensureDefault();
  const services: AppServices = {
    dataDir: options.dataDir,
    db,
    clock,
    logger,
    bus,
    events,
    keys,
    accounts,
    settings: new SettingsService(db, new SettingsStore(db), clock, events, logger),
    messages: new MessageService(db, new MessageStore(db), chatEvents, clock, events),
    giveaway: new GiveawayService(db, new GiveawayStore(db), clock, events),
    chatEvents,
    analytics: new AnalyticsService(chatEvents, clock),
  };
  const modules = [eventStreamModule(services), ...(options.modules?.(services) ?? [])];
  const routes = [...coreRoutes(services), ...modules.flatMap((m) => m.routes ?? [])];
  routes.push(...openApiRoutes(routes));
  const rateLimiter = new RateLimiter(db, clock, options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const server = new ApiServer({
    routes,
    keys,
    rateLimiter,
    logger,
    rendererDir: options.rendererDir,
    mounts: modules.flatMap((m) => m.mounts ?? []),
    upgrades: modules.flatMap((m) => m.upgrades ?? []),
  });
  const started: AppModule[] = [];
  let port: number;
  try {
    port = await server.listen(options.port ?? DEFAULT_PORT);
    const baseUrl = `http://127.0.0.1:${port}`;
    for (const m of modules) {
      // Listed before it starts: a module that throws half-way is stopped too, with the ones before it.
      started.push(m);
      await m.start?.({ port, baseUrl });
    }
  } catch (err) {
    await stopAll(started, logger);
    await server.close();
    db.close();
    unlock();
    throw err;
  }
  let stopping: Promise<void> | null = null;
  return {
    services,
    server,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    sessionToken: keys.sessionToken,
    stop: () =>
      (stopping ??= (async () => {
        // No new requests from here on; those in flight (a webhook test, a chat connect) are answered before
        // the modules they use stop. The modules end their event streams; then what is left is closed.
        await server.drain();
        await stopAll(started, logger);
        await server.close();
        rateLimiter.flush();
        db.close();
        unlock();
      })()),
  };
}

async function stopAll(modules: AppModule[], logger: Logger): Promise<void> {
  for (const m of [...modules].reverse()) {
    try {
      await m.stop?.();
    } catch (err) {
      logger.error(`Stopping ${m.name} failed:`, err);
    }
  }
}
