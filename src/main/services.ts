import type { Clock } from './clock.js';
import type { Db } from './db/database.js';
import type { EventBus } from './events/bus.js';
import type { EventPublisher } from './events/publisher.js';
import type { Logger } from './logger.js';
import type { AccountService } from './accounts/service.js';
import type { AnalyticsService } from './analytics/service.js';
import type { ChatEventStore } from './analytics/store.js';
import type { ApiKeyService } from './apikeys/service.js';
import type { GiveawayService } from './giveaway/service.js';
import type { MessageService } from './messages/service.js';
import type { SettingsService } from './settings/service.js';

/** Everything createApp builds and hands to routes and shells; no service reaches for a global. */
export interface AppServices {
  dataDir: string;
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  events: EventPublisher;
  keys: ApiKeyService;
  accounts: AccountService;
  settings: SettingsService;
  messages: MessageService;
  giveaway: GiveawayService;
  chatEvents: ChatEventStore;
  analytics: AnalyticsService;
}
