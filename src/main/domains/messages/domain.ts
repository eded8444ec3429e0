import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { AccountService } from '../accounts/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Domain } from '../define.js';
import { messageRoutes } from './routes.js';
import { MessageService } from './service.js';
import { MessageStore } from './store.js';

/** The durable send queue: what the bot, the API and the host want posted; the chat driver drains it. */
export function messagesDomain(deps: { db: Db; clock: Clock; events: EventPublisher; accounts: AccountService; settings: SettingsService }) {
  const service = new MessageService(deps.db, new MessageStore(deps.db), deps.clock, deps.events);
  const domain: Domain<MessageService> & { service: MessageService } = {
    name: 'messages',
    service,
    routes: messageRoutes(service, deps.accounts, deps.settings),
  };
  return domain;
}
