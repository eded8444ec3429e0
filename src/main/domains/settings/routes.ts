import { z } from 'zod';
import { accountQuery, route } from '../../http/route.js';
import type { AppServices } from '../../app/services.js';
import { settingsPatchSchema, settingsSchema } from './schema.js';

export function settingsRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/settings',
      tag: 'Settings',
      summary: 'Current bot settings of the account',
      scope: 'settings:read',
      query: accountQuery.strict(),
      response: settingsSchema,
      handler: ({ query }) => s.settings.get(s.accounts.resolve(query.account).id),
    }),
    route({
      method: 'patch',
      path: '/settings',
      tag: 'Settings',
      summary: 'Update settings: the given fields are validated and merged; unknown fields are rejected',
      scope: 'settings:write',
      query: accountQuery.strict(),
      // Validated inside the service against the merged result (so cross-field rules hold). Passed through
      // untouched: z.record would drop a `__proto__` key that the strict patch schema must refuse.
      body: z.unknown(),
      bodyDoc: settingsPatchSchema,
      response: settingsSchema,
      handler: ({ query, body }) => s.settings.update(s.accounts.resolve(query.account).id, body ?? {}),
    }),
    route({
      method: 'post',
      path: '/bot/:action',
      tag: 'Settings',
      summary: 'Start or stop the bot (same as PATCH /settings {botActive})',
      scope: 'settings:write',
      query: accountQuery.strict(),
      params: z.object({ action: z.enum(['start', 'stop']) }),
      response: z.object({ botActive: z.boolean() }),
      handler: ({ query, params }) => ({
        botActive: s.settings.setBotActive(s.accounts.resolve(query.account).id, params.action === 'start').botActive,
      }),
    }),
  ];
}
