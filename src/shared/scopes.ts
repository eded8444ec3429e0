import { z } from 'zod';

/** What an API key may do. A write scope implies its read scope (see apikeys). */
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
  'overlays:read',
] as const;
export type Scope = (typeof SCOPES)[number];

export const scopeSchema = z.enum(SCOPES);
