import { z } from 'zod';
import { scopeSchema } from '../scopes.js';
import { op } from './op.js';

export { SCOPES, scopeSchema, type Scope } from '../scopes.js';

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe('First characters of the key, for recognising it'),
  scopes: z.array(scopeSchema).nullable().describe('null = every scope'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeySchema>;

export const createKeyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(scopeSchema).min(1).optional(),
  })
  .strict();

const TAG = 'API keys';

export const apiKeysApi = {
  list: op({
    method: 'get',
    path: '/keys',
    tag: TAG,
    summary: 'List API keys (never the secrets)',
    scope: 'keys:admin',
    response: z.object({ keys: z.array(apiKeySchema) }),
  }),
  create: op({
    method: 'post',
    path: '/keys',
    tag: TAG,
    summary: 'Create an API key; the key is in this response only',
    scope: 'keys:admin',
    status: 201,
    body: createKeyBody,
    response: z.object({ key: z.string(), apiKey: apiKeySchema }),
  }),
  revoke: op({
    method: 'delete',
    path: '/keys/:id',
    tag: TAG,
    summary: 'Revoke an API key',
    scope: 'keys:admin',
    params: z.object({ id: z.string().min(1) }),
    response: z.object({ apiKey: apiKeySchema }),
  }),
};
