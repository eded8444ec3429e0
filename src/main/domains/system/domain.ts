import { systemApi } from '../../../shared/contract/system.js';
import { APP_VERSION } from '../../../shared/version.js';
import type { Clock } from '../../kernel/clock.js';
import { SCHEMA_VERSION } from '../../kernel/db/database.js';
import { buildOpenApi, docsPage } from '../../http/openapi.js';
import { implement, type RouteDef } from '../../http/route.js';
import type { Domain } from '../define.js';
import { assistantRoutes, type McpLaunch } from './mcp-config.js';

/**
 * Liveness and the API's own description. The OpenAPI document is generated once, on first request, from the
 * final route table (`routes()`), so it lists every domain's routes.
 */
export function systemDomain(deps: { clock: Clock; routes: () => RouteDef[]; mcp?: McpLaunch | null }): Domain {
  const started = deps.clock.now();
  const assistants = assistantRoutes(deps.mcp, deps.clock);
  let doc: ReturnType<typeof buildOpenApi> | null = null;
  const document = () => (doc ??= buildOpenApi(deps.routes()));
  return {
    name: 'system',
    routes: implement(systemApi, {
      health: () => ({
        status: 'ok' as const,
        version: APP_VERSION,
        schemaVersion: SCHEMA_VERSION,
        uptimeSeconds: Math.round((deps.clock.now() - started) / 1000),
      }),
      openapi: ({ res }) => {
        res.json(document());
      },
      docs: ({ res }) => {
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
        res.type('html').send(docsPage(document()));
      },
      ...assistants.handlers,
    }),
    start: assistants.start,
  };
}
