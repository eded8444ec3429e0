import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { Domain } from '../define.js';
import { accountRoutes } from './routes.js';
import { AccountService } from './service.js';
import { AccountStore } from './store.js';

/** Accounts: one per shop/channel, each with its own settings, entries, analytics and browser profile. */
export function accountsDomain(deps: { db: Db; clock: Clock; events: EventPublisher }): Domain<AccountService> & { service: AccountService } {
  const service = new AccountService(new AccountStore(deps.db), deps.clock, deps.events);
  service.ensureDefault();
  return { name: 'accounts', service, routes: accountRoutes(service) };
}
