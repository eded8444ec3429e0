import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Domain } from '../define.js';
import { giveawayRoutes } from './routes.js';
import { GiveawayService } from './service.js';
import { GiveawayStore } from './store.js';

/** Giveaways: persisted entries per round, fair recorded draws, rerolls. */
export function giveawayDomain(deps: { db: Db; clock: Clock; events: EventPublisher; accounts: AccountService; settings: SettingsService }) {
  const service = new GiveawayService(deps.db, new GiveawayStore(deps.db), deps.clock, deps.events, deps.settings);
  const domain: Domain<GiveawayService> & { service: GiveawayService } = {
    name: 'giveaway',
    service,
    routes: giveawayRoutes(service, deps.accounts, deps.settings),
  };
  return domain;
}
