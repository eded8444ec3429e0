import { settingsApi } from '../../../shared/contract/settings.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsService } from './service.js';

export function settingsRoutes(settings: SettingsService, accounts: AccountService) {
  const account = (id: string | undefined) => accounts.resolve(id).id;
  return implement(settingsApi, {
    get: ({ query }) => settings.get(account(query.account)),
    update: ({ query, body }) => settings.update(account(query.account), body ?? {}),
    bot: ({ query, params }) => ({ botActive: settings.setBotActive(account(query.account), params.action === 'start').botActive }),
  });
}
