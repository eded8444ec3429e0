import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { Logger } from '../../kernel/logger.js';
import type { AccountService } from '../accounts/service.js';
import type { Domain } from '../define.js';
import { settingsRoutes } from './routes.js';
import { SettingsService } from './service.js';
import { SettingsStore } from './store.js';

/** Per-account bot settings (the bot reads them; the API and the dashboard edit them). */
export function settingsDomain(deps: { db: Db; clock: Clock; events: EventPublisher; logger: Logger; accounts: AccountService }) {
  const service = new SettingsService(deps.db, new SettingsStore(deps.db), deps.clock, deps.events, deps.logger);
  const domain: Domain<SettingsService> & { service: SettingsService } = {
    name: 'settings',
    service,
    routes: settingsRoutes(service, deps.accounts),
  };
  return domain;
}
