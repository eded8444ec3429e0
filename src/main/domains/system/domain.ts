import type { Response } from 'express';
import { systemApi } from '../../../shared/contract/system.js';
import { APP_VERSION } from '../../../shared/version.js';
import type { Clock } from '../../kernel/clock.js';
import { SCHEMA_VERSION } from '../../kernel/db/database.js';
import { ApiError } from '../../http/errors.js';
import { implement } from '../../http/route.js';
import type { Domain } from '../define.js';
import { assistantRoutes, type McpLaunch } from './mcp-config.js';

/** The API's description, made by the HTTP layer from the final route table (http/openapi.ts apiDescription). */
export interface ApiDescription {
  json(): unknown;
  yaml(): string;
  /** The reference page for an API base (/api/v1 or /v1): Scalar when this install has it, else a plain list. */
  page(base: string): string;
  /** Scalar's standalone bundle, or null when this install has none. */
  script(): Buffer | null;
  /** The page's configuration script for an API base. */
  init(base: string): string;
  /** The page's Content-Security-Policy. */
  csp: string;
}

/**
 * Liveness and the API's own description: the OpenAPI document (generated on first request from the final route
 * table, so it lists every domain's routes) and the reference page that renders it with Scalar.
 */
export function systemDomain(deps: { clock: Clock; description: ApiDescription; mcp?: McpLaunch | null }): Domain {
  const started = deps.clock.now();
  const assistants = assistantRoutes(deps.mcp, deps.clock);
  const d = deps.description;
  const script = (res: Response, body: string | Buffer) => {
    // Versioned with the app: a browser may keep the 3.5 MB bundle for a day.
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('text/javascript').send(body);
  };
  const page = (res: Response, html: string) => {
    res.setHeader('Content-Security-Policy', d.csp);
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
        res.json(d.json());
      },
      openapiYaml: ({ res }) => {
        res.type('application/yaml').send(d.yaml());
      },
      docs: ({ req, res }) => page(res, d.page(req.baseUrl)),
      docsScript: ({ res }) => {
        const bundle = d.script();
        if (!bundle) throw new ApiError('NOT_FOUND', 'The API reference renderer (Scalar) is not installed; the document is at openapi.json');
        script(res, bundle);
      },
      docsInit: ({ req, res }) => script(res, d.init(req.baseUrl)),
      ...assistants.handlers,
    }),
    start: assistants.start,
  };
}
