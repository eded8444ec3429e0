import { z } from 'zod';
import { route } from '../../http/route.js';
import type { AppServices } from '../../app/services.js';
import { apiKeySchema, createKeyBody } from './schema.js';

export function apiKeyRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/keys',
      tag: 'API keys',
      summary: 'List API keys (never the secrets)',
      scope: 'keys:admin',
      response: z.object({ keys: z.array(apiKeySchema) }),
      handler: () => ({ keys: s.keys.list() }),
    }),
    route({
      method: 'post',
      path: '/keys',
      tag: 'API keys',
      summary: 'Create an API key; the key is in this response only',
      scope: 'keys:admin',
      status: 201,
      body: createKeyBody,
      response: z.object({ key: z.string(), apiKey: apiKeySchema }),
      handler: ({ body }) => s.keys.create(body.name, body.scopes ?? null),
    }),
    route({
      method: 'delete',
      path: '/keys/:id',
      tag: 'API keys',
      summary: 'Revoke an API key',
      scope: 'keys:admin',
      params: z.object({ id: z.string().min(1) }),
      response: z.object({ apiKey: apiKeySchema }),
      handler: ({ params }) => ({ apiKey: s.keys.revoke(params.id) }),
    }),
  ];
}
