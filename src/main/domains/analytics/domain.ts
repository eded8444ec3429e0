import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { AccountService } from '../accounts/service.js';
import type { Domain } from '../define.js';
import { analyticsRoutes } from './routes.js';
import { AnalyticsService } from './service.js';
import { ChatEventStore, type Cause } from './store.js';

/**
 * Analytics: every chat line that leaves (a sent message, whatever sent it) is recorded here from the bus, inside
 * the transaction that marks it sent, so the figures do not depend on which other domains are loaded.
 */
export function analyticsDomain(deps: { db: Db; clock: Clock; bus: EventBus; accounts: AccountService }) {
  const store = new ChatEventStore(deps.db);
  const service = new AnalyticsService(store, deps.clock);
  deps.bus.subscribe((e) => {
    if (e.type !== 'message.sent' || !e.accountId) return;
    const d = e.data;
    store.record({ accountId: e.accountId, direction: 'sent', cause: d.cause as Cause, username: null, text: d.message, messageId: d.messageId, at: Date.parse(e.timestamp) });
  });
  const domain: Domain<AnalyticsService> & { service: AnalyticsService; store: ChatEventStore } = {
    name: 'analytics',
    service,
    store,
    routes: analyticsRoutes(service, deps.accounts),
  };
  return domain;
}
