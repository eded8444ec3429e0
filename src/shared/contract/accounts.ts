import { z } from 'zod';
import { op } from './op.js';

export const PLATFORMS = ['whatnot', 'youtube', 'twitch', 'kick', 'ebay', 'practice'] as const;
export const platformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof platformSchema>;

export const accountSchema = z.object({
  id: z.string().describe('acc_…'),
  name: z.string(),
  platform: platformSchema,
  url: z.string().nullable().describe('Live page the chat session opens'),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

const url = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'must be an http(s) URL');

export const createAccountBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    platform: platformSchema.default('whatnot'),
    url: url.nullable().optional(),
  })
  .strict();

export const updateAccountBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    platform: platformSchema,
    url: url.nullable(),
  })
  .partial()
  .strict();

export const switchAccountBody = z.object({ accountId: z.string().min(1).max(64) }).strict();

const idParams = z.object({ id: z.string().min(1).max(64) });
const TAG = 'Accounts';

export const accountsApi = {
  list: op({
    method: 'get',
    path: '/accounts',
    tag: TAG,
    summary: 'List accounts',
    scope: 'accounts:read',
    response: z.object({ accounts: z.array(accountSchema) }),
  }),
  switch: op({
    method: 'post',
    path: '/accounts/switch',
    tag: TAG,
    summary: 'Switch the active account',
    scope: 'accounts:write',
    errors: ['NOT_FOUND'],
    body: switchAccountBody,
    response: z.object({ account: accountSchema }),
  }),
  create: op({
    method: 'post',
    path: '/accounts',
    tag: TAG,
    summary: 'Create an account (its own settings, entries, analytics and browser profile)',
    scope: 'accounts:write',
    status: 201,
    body: createAccountBody,
    response: z.object({ account: accountSchema }),
  }),
  get: op({
    method: 'get',
    path: '/accounts/:id',
    tag: TAG,
    summary: 'One account',
    scope: 'accounts:read',
    params: idParams,
    response: z.object({ account: accountSchema }),
  }),
  update: op({
    method: 'patch',
    path: '/accounts/:id',
    tag: TAG,
    summary: 'Rename an account or change its platform / live URL',
    scope: 'accounts:write',
    params: idParams,
    body: updateAccountBody,
    response: z.object({ account: accountSchema }),
  }),
  delete: op({
    method: 'delete',
    path: '/accounts/:id',
    tag: TAG,
    summary: 'Delete an inactive account and all its data',
    scope: 'accounts:write',
    // The active account cannot be deleted.
    errors: ['CONFLICT'],
    params: idParams,
    response: z.object({ deleted: z.string() }),
  }),
};
