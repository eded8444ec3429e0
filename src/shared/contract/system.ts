import { z } from 'zod';
import { EVENT_TYPES } from '../events.js';
import { assistantOps } from './assistants.js';
import { accountQuery, op } from './op.js';

const TAG = 'System';

export const healthSchema = z.object({ status: z.literal('ok'), version: z.string(), schemaVersion: z.number(), uptimeSeconds: z.number() });

export const systemApi = {
  health: op({ method: 'get', path: '/health', tag: TAG, summary: 'Liveness; no authentication', scope: null, response: healthSchema }),
  openapi: op({ method: 'get', path: '/openapi.json', tag: TAG, summary: 'This API as an OpenAPI 3.1 document (no authentication)', scope: null, raw: 'document' }),
  docs: op({ method: 'get', path: '/docs', tag: TAG, summary: 'Human-readable API reference (no authentication)', scope: null, raw: 'html' }),
  ...assistantOps,
};

export const eventsQuery = accountQuery
  .extend({ types: z.string().max(1000).optional().describe(`Comma-separated event types (${EVENT_TYPES.join(', ')})`) })
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
