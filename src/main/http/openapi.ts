import { z } from 'zod';
import { createDocument, type ZodOpenApiComponentsObject, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { stringify } from 'yaml';
import { api } from '../../shared/contract/index.js';
import type { AnyOperation, Operation } from '../../shared/contract/op.js';
import type { ErrorCode } from '../../shared/errors.js';
import { APP_VERSION } from '../../shared/version.js';
import { errorCodes, errorResponses, errorSchemas, rateLimitHeaderRefs, sharedResponses } from './openapi-errors.js';
import { DOCS_CSP, docsPage, fallbackDocsPage, scalarBundle, scalarInit } from './openapi-docs.js';
import { EXAMPLES } from './openapi-examples.js';
import { NAMED_SCHEMAS, SCHEMA_RULES } from './openapi-schemas.js';
import { webhooksSection } from './openapi-webhooks.js';
import { tidyDocument } from './openapi-tidy.js';
import type { RouteDef } from './route.js';

export type OpenApiDocument = Record<string, unknown>;

const BODY_METHODS = new Set(['post', 'patch', 'put']);
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The contract's operations by `<method> <path>`, with an operationId from their place in `api` (giveawayPickWinner). */
function contractIndex(): Map<string, { id: string; op: AnyOperation }> {
  const out = new Map<string, { id: string; op: AnyOperation }>();
  for (const [group, ops] of Object.entries(api) as [string, Record<string, AnyOperation>][]) {
    for (const [key, op] of Object.entries(ops)) out.set(`${op.method} ${op.path}`, { id: `${group}${pascal(key)}`, op });
  }
  return out;
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  System: 'Liveness and this description of the API (no authentication)',
  Accounts: 'Accounts (multi-account): each has its own settings, entries, analytics and browser profile',
  Analytics: 'What the bot sent and what chat said, by period',
  'API keys': 'API keys and their scopes (keys:admin)',
  Backups: 'Database backups (keys:admin: a backup holds every secret)',
  Giveaway: 'Giveaway entries and draws of the current round',
  Messages: 'Chat messages sent through the API and their delivery',
  Settings: 'Bot settings: welcome, timers, FAQ rules, commands, moderation, giveaway',
  Webhooks: 'Webhook endpoints, their signing secrets and delivery log',
  Events: 'The live event stream (Server-Sent Events)',
  'Webhook events': 'What BuzzChat POSTs to your webhook endpoints',
};

const RAW_CONTENT: Record<NonNullable<Operation['raw']>, Record<string, { schema: Record<string, unknown> }>> = {
  document: { 'application/json': { schema: { type: 'object', description: 'An OpenAPI 3.1 document' } } },
  yaml: { 'application/yaml': { schema: { type: 'string', description: 'An OpenAPI 3.1 document in YAML' } } },
  html: { 'text/html': { schema: { type: 'string' } } },
  script: { 'text/javascript': { schema: { type: 'string' } } },
  'event-stream': {
    'text/event-stream': {
      schema: {
        type: 'string',
        description: 'Server-Sent Events: `id:`, `event:` (the type) and `data:` (JSON `{id, type, timestamp, accountId, data}`)',
      },
    },
  },
};

function pathParams(def: Operation): z.ZodObject | undefined {
  if (def.params) return def.params as z.ZodObject;
  const names = [...def.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

function successResponse(def: Operation) {
  const status = String(def.status ?? 200);
  // Every answer of a route is counted (per key, or per client address without one): all carry the headers.
  const headers = rateLimitHeaderRefs();
  if (def.raw) return { [status]: { description: def.summary, ...(headers && { headers }), content: RAW_CONTENT[def.raw] } };
  const example = EXAMPLES[`${def.method} ${def.path}`];
  const envelope = z
    .object({
      success: z.literal(true),
      ...(def.withMessage ? { message: z.string() } : {}),
      // Required even when null: every success envelope carries `data`.
      data: def.response ?? z.null(),
    })
    .strict();
  const examples =
    example?.data !== undefined
      ? {
          reference: {
            summary: 'As in the API reference',
            value: { success: true, ...(example.message ? { message: example.message } : {}), data: example.data },
          },
        }
      : undefined;
  return {
    [status]: {
      description: 'Success',
      ...(headers && { headers }),
      content: { 'application/json': { schema: envelope, ...(examples && { examples }) } },
    },
  };
}

function operation(def: Operation, operationId: string): ZodOpenApiOperationObject {
  const body = BODY_METHODS.has(def.method) ? (def.bodyDoc ?? def.body) : undefined;
  const example = EXAMPLES[`${def.method} ${def.path}`];
  const scope = def.scope === null ? null : typeof def.scope === 'string' ? def.scope : def.scope.join(' or ');
  const query = def.query && 'shape' in def.query ? (def.query as z.ZodObject) : undefined;
  const path = pathParams(def);
  return {
    operationId,
    summary: def.summary,
    description: scope ? `Needs scope \`${scope}\` (a write scope includes its read scope).` : 'No authentication.',
    tags: [def.tag],
    requestParams: { ...(path && { path }), ...(query && { query }) },
    ...(body && {
      requestBody: {
        // A body whose every field has a default may be left out.
        required: !body.safeParse({}).success,
        content: {
          'application/json': {
            schema: body,
            ...(example?.request !== undefined && { examples: { reference: { summary: 'As in the API reference', value: example.request } } }),
          },
        },
      },
    }),
    responses: { ...successResponse(def), ...errorResponses(def) },
    security: def.scope === null ? [] : [{ bearerAuth: [] }, { apiKeyQuery: [] }],
    ...(scope && { 'x-required-scope': scope }),
  } as ZodOpenApiOperationObject;
}

const built = new Map<string, OpenApiDocument>();

/**
 * OpenAPI 3.1 document of the route table, generated from the same zod schemas that validate requests. Generating
 * takes a few hundred ms; apps in one process with the same routes (tests) share one document.
 */
export function buildOpenApi(routes: RouteDef[]): OpenApiDocument {
  const key = routes.map((r) => `${r.method} ${r.path} ${r.summary}`).join('\n');
  let doc = built.get(key);
  if (!doc) built.set(key, (doc = generate(routes)));
  return doc;
}

function generate(routes: RouteDef[]): OpenApiDocument {
  const contract = contractIndex();
  const paths: ZodOpenApiPathsObject = {};
  const tags = new Set<string>();
  const codes = new Set<ErrorCode>();
  for (const def of routes) {
    const c = contract.get(`${def.method} ${def.path}`);
    // Routes bound with route() rather than implement() still get the contract's list of errors.
    const merged: Operation = { ...def, errors: def.errors ?? c?.op.errors };
    const id = c?.id ?? `${def.method}${def.path.replace(/[/:{}-]+(\w)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`;
    const p = '/api/v1' + def.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    (paths[p] ??= {})[def.method] = operation(merged, id);
    for (const code of errorCodes(merged)) codes.add(code);
    tags.add(def.tag);
  }
  tags.add('Webhook events');
  const shared = sharedResponses();
  const doc = createDocument(
    {
      openapi: '3.1.0',
      info: {
        title: 'BuzzChat API',
        version: APP_VERSION,
        description:
          'Local REST API of BuzzChat Desktop (127.0.0.1 only). Every response is an envelope `{success: true, data}` or ' +
          '`{success: false, error: {code, message}}`. Served under `/api/v1` and `/v1` alike. Rate limits: 60 requests a minute ' +
          'and 10,000 a day per API key (requests without a usable key are counted per client address), reported in `X-RateLimit-*` ' +
          'headers on every answer. Any path may also answer, before a route is chosen: 405 METHOD_NOT_ALLOWED (with `Allow`), ' +
          '400 MALFORMED_REQUEST, 408 REQUEST_TIMEOUT, 414 URI_TOO_LONG, 431 REQUEST_HEADER_TOO_LARGE. Webhook deliveries are ' +
          'described under `webhooks`.',
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      },
      servers: [{ url: '/', description: 'This BuzzChat app (http://127.0.0.1:3847 by default)' }],
      security: [{ bearerAuth: [] }],
      tags: [...tags].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `${name} operations` })),
      paths,
      webhooks: webhooksSection(),
      components: {
        schemas: { ...NAMED_SCHEMAS, ...errorSchemas(codes) },
        headers: shared.headers,
        responses: shared.responses as unknown as ZodOpenApiComponentsObject['responses'],
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key `bz_live_…` (or the dashboard session token)' },
          apiKeyQuery: {
            type: 'apiKey',
            in: 'query',
            name: 'api_key',
            description: 'Deprecated: answered with `Deprecation: true` and a `Warning` header; send `Authorization: Bearer` instead',
          },
        },
      },
    },
    {
      override: ({ jsonSchema, zodSchema, io }) => SCHEMA_RULES.get(zodSchema as unknown as z.ZodType)?.(jsonSchema as Record<string, unknown>, io),
      outputIdSuffix: 'Output',
      allowEmptySchema: { unknown: true, any: true },
    },
  );
  return tidyDocument(doc as unknown as Record<string, unknown>);
}

const yamlOf = new WeakMap<OpenApiDocument, string>();

/** The document as YAML (no anchors or aliases); made once per document, since it takes a second or two. */
export function openApiYaml(doc: OpenApiDocument): string {
  let text = yamlOf.get(doc);
  if (text === undefined) yamlOf.set(doc, (text = stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 })));
  return text;
}

/**
 * What the system domain serves about the API, made from the final route table on first use: the document (JSON,
 * YAML) and the reference page with its scripts. Built here and handed to the domain by the app, since a domain
 * may not see the whole route table.
 */
export function apiDescription(routes: () => RouteDef[]) {
  let doc: OpenApiDocument | null = null;
  const json = () => (doc ??= buildOpenApi(routes()));
  return {
    json,
    yaml: () => openApiYaml(json()),
    page: (base: string) => (scalarBundle() ? docsPage(base) : fallbackDocsPage(json())),
    script: scalarBundle,
    init: scalarInit,
    csp: DOCS_CSP,
  };
}
