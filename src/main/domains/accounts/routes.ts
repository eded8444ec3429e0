import { z } from 'zod';
import { route } from '../../http/route.js';
import type { AppServices } from '../../app/services.js';
import { accountSchema, createAccountBody, switchAccountBody, updateAccountBody } from './schema.js';

const idParams = z.object({ id: z.string().min(1).max(64) });

export function accountRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/accounts',
      tag: 'Accounts',
      summary: 'List accounts',
      scope: 'accounts:read',
      response: z.object({ accounts: z.array(accountSchema) }),
      handler: () => ({ accounts: s.accounts.list() }),
    }),
    route({
      method: 'post',
      path: '/accounts/switch',
      tag: 'Accounts',
      summary: 'Switch the active account',
      scope: 'accounts:write',
      body: switchAccountBody,
      response: z.object({ account: accountSchema }),
      handler: ({ body }) => ({ account: s.accounts.switchTo(body.accountId) }),
    }),
    route({
      method: 'post',
      path: '/accounts',
      tag: 'Accounts',
      summary: 'Create an account (its own settings, entries, analytics and browser profile)',
      scope: 'accounts:write',
      status: 201,
      body: createAccountBody,
      response: z.object({ account: accountSchema }),
      handler: ({ body }) => ({ account: s.accounts.create(body) }),
    }),
    route({
      method: 'get',
      path: '/accounts/:id',
      tag: 'Accounts',
      summary: 'One account',
      scope: 'accounts:read',
      params: idParams,
      response: z.object({ account: accountSchema }),
      handler: ({ params }) => ({ account: s.accounts.get(params.id) }),
    }),
    route({
      method: 'patch',
      path: '/accounts/:id',
      tag: 'Accounts',
      summary: 'Rename an account or change its platform / live URL',
      scope: 'accounts:write',
      params: idParams,
      body: updateAccountBody,
      response: z.object({ account: accountSchema }),
      handler: ({ params, body }) => ({ account: s.accounts.update(params.id, body) }),
    }),
    route({
      method: 'delete',
      path: '/accounts/:id',
      tag: 'Accounts',
      summary: 'Delete an inactive account and all its data',
      scope: 'accounts:write',
      params: idParams,
      response: z.object({ deleted: z.string() }),
      handler: ({ params }) => {
        s.accounts.delete(params.id);
        return { deleted: params.id };
      },
    }),
  ];
}
