import type { Operation } from '../../shared/contract/op.js';
import { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode } from '../../shared/errors.js';

type Json = Record<string, unknown>;

const WRITE_METHODS = new Set(['post', 'patch', 'put', 'delete']);
const BODY_METHODS = new Set(['post', 'patch', 'put']);

/** Codes answered before the request is counted (host and origin guards): never with X-RateLimit-* headers. */
const BEFORE_COUNT = new Set<ErrorCode>(['FORBIDDEN_HOST', 'FORBIDDEN_ORIGIN']);

function hasAccountQuery(def: Operation): boolean {
  const shape = (def.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && 'account' in shape;
}

/**
 * Every error code an operation can answer. Most follow from its shape, the way the server runs a request:
 * host and origin guards, the key gate (scope), schemas (query, path, body), 404 for a path id or `account`,
 * the body reader, the storage of writes. The rest are the ones its service throws, listed on the operation.
 */
export function errorCodes(def: Operation): ErrorCode[] {
  // Every route: the guards, the per-client or per-key allowance (public routes too), and the query check
  // (unknown parameters and empty values are refused where the route has no query schema as well).
  const codes = new Set<ErrorCode>(['FORBIDDEN_HOST', 'FORBIDDEN_ORIGIN', 'RATE_LIMIT_EXCEEDED', 'VALIDATION_ERROR']);
  if (def.scope !== null) ['INVALID_API_KEY', 'INSUFFICIENT_SCOPE'].forEach((c) => codes.add(c as ErrorCode));
  if (BODY_METHODS.has(def.method)) ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'].forEach((c) => codes.add(c as ErrorCode));
  if (def.path.includes(':') || hasAccountQuery(def)) codes.add('NOT_FOUND');
  if (WRITE_METHODS.has(def.method) && def.scope !== null) ['STORAGE_FULL', 'STORAGE_READ_ONLY'].forEach((c) => codes.add(c as ErrorCode));
  for (const c of def.errors ?? []) codes.add(c);
  codes.add('INTERNAL_ERROR');
  return ERROR_CODES.filter((c) => codes.has(c));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const errorSchemaName = (code: ErrorCode) => `Error_${code}`;

/**
 * The error envelope, and one schema per code in use (`error.code` a const), so a client can tell the answers
 * of one status apart.
 */
export function errorSchemas(used: ReadonlySet<ErrorCode>): Record<string, Json> {
  const out: Record<string, Json> = {
    Error: {
      type: 'object',
      description: 'The error envelope of every failed request',
      required: ['success', 'error'],
      properties: {
        success: { const: false },
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { enum: ERROR_CODES }, message: { type: 'string', description: 'What went wrong, for people' } },
        },
      },
    },
  };
  for (const code of ERROR_CODES.filter((c) => used.has(c))) {
    const { status, message } = ERROR_CATALOGUE[code];
    // Whole, not allOf the Error schema: example checkers (Redocly) treat each allOf branch as closed.
    out[errorSchemaName(code)] = {
      type: 'object',
      description: `${code} (HTTP ${status}): ${message}`,
      required: ['success', 'error'],
      properties: {
        success: { const: false },
        error: { type: 'object', required: ['code', 'message'], properties: { code: { const: code }, message: { type: 'string' } } },
      },
      examples: [{ success: false, error: { code, message } }],
    };
  }
  return out;
}

const RATE_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] as const;
export const rateLimitHeaderRefs = () => Object.fromEntries(RATE_HEADERS.map((h) => [h, { $ref: `#/components/headers/${h}` }]));

/**
 * One status, several codes: one schema with the codes as an enum and an example of each (a oneOf of the per-code
 * schemas says the same, but linters cannot see that a nested const keeps its branches apart).
 */
function severalCodes(codes: ErrorCode[]): Json {
  return {
    schema: {
      type: 'object',
      required: ['success', 'error'],
      properties: {
        success: { const: false },
        error: { type: 'object', required: ['code', 'message'], properties: { code: { enum: codes }, message: { type: 'string' } } },
      },
    },
    examples: Object.fromEntries(
      codes.map((code) => [code, { summary: code, value: { success: false, error: { code, message: ERROR_CATALOGUE[code].message } } }]),
    ),
  };
}

/** The error responses of an operation, by status, each naming its codes. */
export function errorResponses(def: Operation): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(def)) {
    const status = ERROR_CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, Json> = {};
  for (const [status, codes] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    if (status === 429) {
      out['429'] = { $ref: '#/components/responses/RateLimited' };
      continue;
    }
    if (status === 401) {
      out['401'] = { $ref: '#/components/responses/Unauthorized' };
      continue;
    }
    // Counted by the time these are answered: per key, or per client without one (the dashboard session is not).
    const limited = codes.some((c) => !BEFORE_COUNT.has(c));
    out[String(status)] = {
      description: codes.map((c) => `${c}: ${ERROR_CATALOGUE[c].message}`).join('; '),
      ...(limited ? { headers: rateLimitHeaderRefs() } : {}),
      content: { 'application/json': codes.length === 1 ? { schema: ref(errorSchemaName(codes[0]!)) } : severalCodes(codes) },
    };
  }
  out.default = { $ref: '#/components/responses/HttpLayerError' };
  return out;
}

/** Shared responses and headers the operations point at. */
export function sharedResponses(): { headers: Record<string, Json>; responses: Record<string, Json> } {
  return {
    headers: {
      'X-RateLimit-Limit': {
        description:
          'Requests allowed in the current window: per API key 60 a minute, or 10,000 a day once that is spent; requests without a usable key ' +
          '(public routes, none, a wrong one) are counted per client address. Not sent to the dashboard session',
        schema: { type: 'integer', examples: [60] },
      },
      'X-RateLimit-Remaining': { description: 'Requests left in the current window', schema: { type: 'integer', examples: [58] } },
      'X-RateLimit-Reset': { description: 'When the window resets, in epoch seconds', schema: { type: 'integer', examples: [1706093400] } },
      'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', examples: [12] } },
      'WWW-Authenticate': { description: 'The scheme to authenticate with: `Bearer realm="BuzzChat API"`', schema: { type: 'string' } },
    },
    responses: {
      Unauthorized: {
        description: 'INVALID_API_KEY: no key, an unknown or revoked key, or a malformed Authorization header (counted per client address)',
        headers: { ...rateLimitHeaderRefs(), 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } },
        content: { 'application/json': { schema: ref(errorSchemaName('INVALID_API_KEY')) } },
      },
      HttpLayerError: {
        description:
          'Answered on any path before a route is chosen: 405 METHOD_NOT_ALLOWED (with `Allow`, and `error.allow`), 400 MALFORMED_REQUEST, ' +
          '408 REQUEST_TIMEOUT, 414 URI_TOO_LONG, 431 REQUEST_HEADER_TOO_LARGE',
        content: { 'application/json': { schema: ref('Error') } },
      },
      RateLimited: {
        description: 'RATE_LIMIT_EXCEEDED: the key (or, without one, the client address) spent its allowance',
        headers: { ...rateLimitHeaderRefs(), 'Retry-After': { $ref: '#/components/headers/Retry-After' } },
        content: { 'application/json': { schema: ref(errorSchemaName('RATE_LIMIT_EXCEEDED')) } },
      },
    },
  };
}
