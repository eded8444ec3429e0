import { z } from 'zod';
import { ERROR_CATALOGUE } from './errors.js';
import type { RouteDef } from './route.js';
import { APP_VERSION } from '../../shared/version.js';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function objectShape(schema: z.ZodType | undefined): Record<string, { schema: JsonSchema; required: boolean }> {
  if (!schema) return {};
  const json = toSchema(schema, 'input');
  const props = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, { schema: v, required: required.has(k) }]));
}

function parameters(def: RouteDef) {
  const out: unknown[] = [];
  for (const [where, schema] of [['path', def.params], ['query', def.query]] as const) {
    for (const [name, info] of Object.entries(objectShape(schema))) {
      out.push({
        name,
        in: where,
        required: where === 'path' ? true : info.required,
        description: info.schema.description,
        schema: info.schema,
      });
    }
  }
  return out;
}

/** Sent on every response to a request made with an API key (the reference's "all responses"). */
const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': { $ref: '#/components/headers/X-RateLimit-Limit' },
  'X-RateLimit-Remaining': { $ref: '#/components/headers/X-RateLimit-Remaining' },
  'X-RateLimit-Reset': { $ref: '#/components/headers/X-RateLimit-Reset' },
};

/** OpenAPI 3.1 document generated from the same zod schemas that validate requests. */
export function buildOpenApi(routes: RouteDef[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of routes) {
    const p = '/api/v1' + def.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const bodySchema = def.bodyDoc ?? def.body;
    const successData = def.response ? toSchema(def.response, 'output') : {};
    const authed = def.scope !== null;
    const op: Record<string, unknown> = {
      summary: def.summary,
      tags: [def.tag],
      operationId: `${def.method}${def.path.replace(/[/:{}-]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: parameters(def),
      responses: {
        [String(def.status ?? 200)]: {
          description: 'Success',
          ...(authed ? { headers: RATE_LIMIT_HEADERS } : {}),
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['success'],
                properties: { success: { const: true }, data: successData, message: { type: 'string' } },
              },
            },
          },
        },
        ...(authed ? { '429': { $ref: '#/components/responses/RateLimited' } } : {}),
        default: { $ref: '#/components/responses/Error' },
      },
    };
    if (authed) {
      op.security = [{ bearerAuth: [] }, { apiKeyQuery: [] }];
      if (def.scope) op['x-required-scope'] = typeof def.scope === 'string' ? def.scope : def.scope.join(' or ');
    } else op.security = [];
    if (bodySchema && def.method !== 'get' && def.method !== 'delete') {
      op.requestBody = { required: true, content: { 'application/json': { schema: toSchema(bodySchema, 'input') } } };
    }
    (paths[p] ??= {})[def.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'BuzzChat API',
      version: APP_VERSION,
      description:
        'Local REST API of BuzzChat Desktop (127.0.0.1 only). Every response is an envelope `{success, data}` or ' +
        '`{success:false, error:{code, message}}`. Served under /api/v1 and /v1. Rate limits: 60/min, 10,000/day per key, ' +
        'reported in X-RateLimit-* headers.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key `bz_live_…` (or the dashboard session token)' },
        apiKeyQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'api_key',
          description: 'Deprecated: answered with `Deprecation: true` and a `Warning` header; send `Authorization: Bearer` instead',
        },
      },
      headers: {
        'X-RateLimit-Limit': { description: 'Requests allowed in the current window (60 per minute, or 10,000 per day once that is spent)', schema: { type: 'integer' } },
        'X-RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer' } },
        'X-RateLimit-Reset': { description: 'When the window resets, in epoch seconds', schema: { type: 'integer' } },
        'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['success', 'error'],
          properties: {
            success: { const: false },
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { enum: Object.keys(ERROR_CATALOGUE) }, message: { type: 'string' } },
            },
          },
        },
      },
      responses: {
        RateLimited: {
          description: 'RATE_LIMIT_EXCEEDED: the key spent its minute or day allowance',
          headers: { ...RATE_LIMIT_HEADERS, 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        Error: {
          description: Object.entries(ERROR_CATALOGUE)
            .map(([code, e]) => `${code} (${e.status}): ${e.message}`)
            .join('\n'),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
    paths,
  };
}

/** A self-contained docs page (no external assets: the app runs offline and under a strict CSP). */
export function docsPage(doc: JsonSchema): string {
  const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const rows: string[] = [];
  for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters as any[]).map((x) => `<code>${esc(x.name)}</code>${x.required ? '*' : ''} <small>${esc(x.in)}</small>`).join(', ');
      const body = op.requestBody ? `<details><summary>body</summary><pre>${esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2))}</pre></details>` : '';
      const resp = Object.values(op.responses as Record<string, any>)[0]?.content?.['application/json']?.schema?.properties?.data;
      rows.push(
        `<section><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(p)}</code></h3><p>${esc(op.summary)}` +
          `${op['x-required-scope'] ? ` <small>scope <code>${esc(op['x-required-scope'])}</code></small>` : ''}</p>` +
          `${params ? `<p>Parameters: ${params}</p>` : ''}${body}` +
          `${resp ? `<details><summary>data</summary><pre>${esc(JSON.stringify(resp, null, 2))}</pre></details>` : ''}</section>`,
      );
    }
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>BuzzChat API</title><style>
body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.3rem 0;font-size:15px}
.m{display:inline-block;min-width:4em;padding:0 .4em;border-radius:4px;color:#fff;font-size:12px;text-align:center}
.get{background:#2b7}.post{background:#27b}.patch{background:#b82}.delete{background:#c33}.put{background:#75b}
pre{background:#f5f5f7;padding:.5rem;overflow:auto;font-size:12px}</style></head><body>
<h1>BuzzChat API <small>${esc((doc.info as any).version)}</small></h1><p>${esc((doc.info as any).description)}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Authenticate with <code>Authorization: Bearer YOUR_API_KEY</code>.</p>
${rows.join('\n')}</body></html>`;
}
