import type { Clock } from '../kernel/clock.js';
import type { Db } from '../kernel/db/database.js';
import type { EventBus } from '../kernel/events/bus.js';
import type { EventPublisher } from '../kernel/events/publisher.js';
import type { Logger } from '../kernel/logger.js';
import type { AccountService } from '../domains/accounts/service.js';
import type { AnalyticsService } from '../domains/analytics/service.js';
import type { ChatEventStore } from '../domains/analytics/store.js';
import type { ApiKeyService } from '../domains/apikeys/service.js';
import type { GiveawayService } from '../domains/giveaway/service.js';
import type { MessageService } from '../domains/messages/service.js';
import type { SettingsService } from '../domains/settings/service.js';

/** What every domain may be given: the data folder, database, clock, logger and event bus. */
export interface Kernel {
  dataDir: string;
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  events: EventPublisher;
}

/**
 * The kernel plus the core domains' services, as the composition root hands them to the optional domains and
 * the shells. A domain's factory names only the part it uses (its `deps` type); this record satisfies them all.
 */
export interface AppServices extends Kernel {
  keys: ApiKeyService;
  accounts: AccountService;
  settings: SettingsService;
  messages: MessageService;
  giveaway: GiveawayService;
  chatEvents: ChatEventStore;
  analytics: AnalyticsService;
}
