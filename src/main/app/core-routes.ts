import { z } from 'zod';
import { route, type RouteDef } from '../http/route.js';
import type { AppServices } from './services.js';
import { accountRoutes } from '../domains/accounts/routes.js';
import { analyticsRoutes } from '../domains/analytics/routes.js';
import { apiKeyRoutes } from '../domains/apikeys/routes.js';
import { giveawayRoutes } from '../domains/giveaway/routes.js';
import { messageRoutes } from '../domains/messages/routes.js';
import { settingsRoutes } from '../domains/settings/routes.js';
import { SCHEMA_VERSION } from '../kernel/db/database.js';

export const APP_VERSION = '0.1.0';

function healthRoutes(s: AppServices): RouteDef[] {
  const started = s.clock.now();
  return [
    route({
      method: 'get',
      path: '/health',
      tag: 'System',
      summary: 'Liveness; no authentication',
      scope: null,
      response: z.object({ status: z.literal('ok'), version: z.string(), schemaVersion: z.number(), uptimeSeconds: z.number() }),
      handler: () => ({
        status: 'ok' as const,
        version: APP_VERSION,
        schemaVersion: SCHEMA_VERSION,
        uptimeSeconds: Math.round((s.clock.now() - started) / 1000),
      }),
    }),
  ];
}

/** Every core route; domain modules created in createApp add theirs (chat, webhooks, ...). */
export function coreRoutes(s: AppServices): RouteDef[] {
  return [
    ...healthRoutes(s),
    ...analyticsRoutes(s),
    ...messageRoutes(s),
    ...giveawayRoutes(s),
    ...settingsRoutes(s),
    ...accountRoutes(s),
    ...apiKeyRoutes(s),
  ];
}
