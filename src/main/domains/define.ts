import type express from 'express';
import type { RouteDef } from '../http/route.js';
import type { UpgradeRoute } from '../http/server.js';

/**
 * A domain that runs beside the core services (chat sessions, bot, webhooks worker, practice stream).
 * createApp starts modules in order after the HTTP server listens and stops them in reverse.
 */
export interface AppModule {
  name: string;
  routes?: RouteDef[];
  /** Non-API HTTP handlers, e.g. the practice stream pages at /practice. */
  mounts?: { path: string; handler: express.RequestHandler }[];
  /** WebSocket endpoints: the server hands an HTTP `upgrade` whose path is `path` (or below it) to `handler`. */
  upgrades?: UpgradeRoute[];
  start?(ctx: { port: number; baseUrl: string }): Promise<void> | void;
  stop?(): Promise<void> | void;
}
