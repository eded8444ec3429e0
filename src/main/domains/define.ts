import type { Mount, RouteDef, UpgradeRoute } from '../http/route.js';

/** Where the app listens, handed to domains when they start (the chat driver opens the practice page there). */
export interface StartContext {
  port: number;
  baseUrl: string;
}

/**
 * What every domain gives the app, whatever it does: its routes (and, rarely, plain HTTP mounts or WebSocket
 * endpoints), what it starts and stops, and the service it offers others. Each domain is built by one factory
 * (`accountsDomain(deps)`, `botDomain(deps, ...)`) whose `deps` name exactly the services it uses; the
 * composition root (src/main/app/) builds them in order, starts them after the server listens and stops them in
 * reverse.
 */
export interface Domain<S = unknown> {
  name: string;
  /** The domain's own service, for the domains and shells built after it. */
  service?: S;
  routes?: RouteDef[];
  mounts?: Mount[];
  upgrades?: UpgradeRoute[];
  start?(ctx: StartContext): Promise<void> | void;
  stop?(): Promise<void> | void;
}

/** @deprecated name kept while the chat and practice domains move over; use Domain. */
export type AppModule = Domain;
