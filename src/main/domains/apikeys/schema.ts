import { z } from 'zod';

export const SCOPES = [
  'analytics:read',
  'messages:send',
  'messages:read',
  'giveaway:read',
  'giveaway:write',
  'settings:read',
  'settings:write',
  'webhooks:read',
  'webhooks:write',
  'accounts:read',
  'accounts:write',
  'chat:read',
  'chat:write',
  'keys:admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export const scopeSchema = z.enum(SCOPES);

/** Who is calling: an API key, or the dashboard's per-launch session. */
export interface Principal {
  kind: 'key' | 'session';
  keyId: string | null;
  /** null = all scopes (keys created without scopes, and the session). */
  scopes: Scope[] | null;
}

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
