import { settingsApi } from '../../../shared/contract/settings.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsService } from './service.js';

export function settingsRoutes(settings: SettingsService, accounts: AccountService) {
  const account = (id: string | undefined) => accounts.resolve(id).id;
  return implement(settingsApi, {
    get: ({ query }) => settings.get(account(query.account)),
    update: ({ query, body }) => settings.updateWithWarnings(account(query.account), body ?? {}),
    start: ({ query }) => ({ botActive: settings.setBotActive(account(query.account), true).botActive }),
    stop: ({ query }) => ({ botActive: settings.setBotActive(account(query.account), false).botActive }),
  });
}
