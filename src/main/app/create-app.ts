import path from 'node:path';
import { systemClock, type Clock } from '../kernel/clock.js';
import { openDatabase, type Db } from '../kernel/db/database.js';
import { lockDataDir } from '../kernel/db/lock.js';
import { EventBus } from '../kernel/events/bus.js';
import { EventPublisher } from '../kernel/events/publisher.js';
import { consoleLogger, type Logger } from '../kernel/logger.js';
import type { RateLimitConfig } from '../domains/apikeys/ratelimit.js';
import type { Domain } from '../domains/define.js';
import type { McpLaunch } from '../domains/system/mcp-config.js';
import { ApiServer } from '../http/server.js';
import type { RouteDef } from '../http/route.js';
import { coreDomains } from './domains.js';
import type { AppServices } from './services.js';

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
  /** The domains beside the core ones (chat, bot, webhooks, practice, backups), built from the services; see domains.ts. */
  modules?: (services: AppServices) => Domain[];
  /** How an MCP client starts this app's MCP server, which only the shell knows (GET /system/mcp-config). */
  mcp?: McpLaunch;
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
  const kernel = { dataDir: options.dataDir, db, clock, logger, bus, events: new EventPublisher(bus, clock) };
  let routes: RouteDef[] = [];
  const core = coreDomains(kernel, { rateLimits: options.rateLimits, routes: () => routes, mcp: options.mcp });
  const services = core.services;
  const modules: Domain[] = [...core.domains, ...(options.modules?.(services) ?? [])];
  routes = modules.flatMap((m) => m.routes ?? []);
  const server = new ApiServer({
    routes,
    gate: core.gate,
    logger,
    rendererDir: options.rendererDir,
    mounts: modules.flatMap((m) => m.mounts ?? []),
    upgrades: modules.flatMap((m) => m.upgrades ?? []),
  });
  const started: Domain[] = [];
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
    sessionToken: services.keys.sessionToken,
    stop: () =>
      (stopping ??= (async () => {
        // No new requests from here on; those in flight (a webhook test, a chat connect) are answered before
        // the modules they use stop. The modules end their event streams; then what is left is closed.
        await server.drain();
        await stopAll(started, logger);
        await server.close();
        db.close();
        unlock();
      })()),
  };
}

async function stopAll(modules: Domain[], logger: Logger): Promise<void> {
  for (const m of [...modules].reverse()) {
    try {
      await m.stop?.();
    } catch (err) {
      logger.error(`Stopping ${m.name} failed:`, err);
    }
  }
}
