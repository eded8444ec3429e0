import { z } from 'zod';
import { EVENT_TYPES } from '../events.js';
import { assistantOps } from './assistants.js';
import { accountQuery, op } from './op.js';

const TAG = 'System';

export const healthSchema = z.object({ status: z.literal('ok'), version: z.string(), schemaVersion: z.number(), uptimeSeconds: z.number() });

export const systemApi = {
  health: op({ method: 'get', path: '/health', tag: TAG, summary: 'Liveness; no authentication', scope: null, response: healthSchema }),
  openapi: op({
    method: 'get',
    path: '/openapi.json',
    tag: TAG,
    summary: 'This API as an OpenAPI 3.1 document (no authentication)',
    scope: null,
    raw: 'document',
  }),
  openapiYaml: op({
    method: 'get',
    path: '/openapi.yaml',
    tag: TAG,
    summary: 'The same OpenAPI 3.1 document in YAML (no authentication)',
    scope: null,
    raw: 'yaml',
  }),
  docs: op({
    method: 'get',
    path: '/docs',
    tag: TAG,
    summary: 'Interactive API reference (Scalar, served locally; no authentication)',
    scope: null,
    raw: 'html',
  }),
  docsScript: op({
    method: 'get',
    path: '/docs/scalar.js',
    tag: TAG,
    summary: "The reference page's renderer (Scalar's standalone bundle)",
    scope: null,
    raw: 'script',
    errors: ['NOT_FOUND'],
  }),
  docsInit: op({ method: 'get', path: '/docs/init.js', tag: TAG, summary: "The reference page's configuration script", scope: null, raw: 'script' }),
  ...assistantOps,
};

export const eventsQuery = accountQuery
  .extend({
    types: z
      .string()
      .max(1000)
      .optional()
      .describe(`Comma-separated event types (${EVENT_TYPES.join(', ')})`),
    lastEventId: z
      .string()
      .max(100)
      .optional()
      .describe('Resume after this event id, for clients that cannot send the Last-Event-ID header; a `reset` event answers an id no longer kept'),
  })
  .strict();

export const eventsApi = {
  stream: op({
    method: 'get',
    path: '/events',
    tag: 'Events',
    summary: 'Live event stream (text/event-stream); each event is {id, type, timestamp, accountId, data}',
    scope: 'chat:read',
    query: eventsQuery,
    raw: 'event-stream',
  }),
};
