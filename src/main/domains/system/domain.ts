import type { Response } from 'express';
import { systemApi } from '../../../shared/contract/system.js';
import { APP_VERSION } from '../../../shared/version.js';
import type { Clock } from '../../kernel/clock.js';
import { SCHEMA_VERSION } from '../../kernel/db/database.js';
import { buildOpenApi, openApiYaml, type OpenApiDocument } from '../../http/openapi.js';
import { DOCS_CSP, docsPage, fallbackDocsPage, scalarBundle, scalarInit } from '../../http/openapi-docs.js';
import { ApiError } from '../../http/errors.js';
import { implement, type RouteDef } from '../../http/route.js';
import type { Domain } from '../define.js';
import { assistantRoutes, type McpLaunch } from './mcp-config.js';

/**
 * Liveness and the API's own description. The OpenAPI document is generated once, on first request, from the
 * final route table (`routes()`), so it lists every domain's routes; the reference page renders it with Scalar.
 */
export function systemDomain(deps: { clock: Clock; routes: () => RouteDef[]; mcp?: McpLaunch | null }): Domain {
  const started = deps.clock.now();
  const assistants = assistantRoutes(deps.mcp, deps.clock);
  let doc: OpenApiDocument | null = null;
  const document = () => (doc ??= buildOpenApi(deps.routes()));
  const script = (res: Response, body: string | Buffer) => {
    // Versioned with the app: a browser may keep the 3.5 MB bundle for a day.
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('text/javascript').send(body);
  };
  const page = (res: Response, html: string) => {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    res.type('html').send(html);
  };
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
      openapiYaml: ({ res }) => {
        res.type('application/yaml').send(openApiYaml(document()));
      },
      docs: ({ req, res }) => page(res, scalarBundle() ? docsPage(req.baseUrl) : fallbackDocsPage(document())),
      docsScript: ({ res }) => {
        const bundle = scalarBundle();
        if (!bundle) throw new ApiError('NOT_FOUND', 'The API reference renderer (Scalar) is not installed; the document is at openapi.json');
        script(res, bundle);
      },
      docsInit: ({ req, res }) => script(res, scalarInit(req.baseUrl)),
      ...assistants.handlers,
    }),
    start: assistants.start,
  };
}
