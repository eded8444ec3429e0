import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { AccountService } from '../accounts/service.js';
import type { Domain } from '../define.js';
import { analyticsRoutes } from './routes.js';
import { AnalyticsService } from './service.js';
import { ChatEventStore, type Cause } from './store.js';
import { ChatWindowStore } from './window-store.js';

/**
 * Analytics: every chat line is recorded here from the bus, where lines enter and leave: a viewer's line (with
 * what the bot made of it, when a bot runs) and the host's hand-typed ones as the chat domain publishes them, and
 * every sent message inside the transaction that marks it sent. The figures do not depend on which other domains
 * are loaded.
 */
export function analyticsDomain(deps: { db: Db; clock: Clock; bus: EventBus; accounts: AccountService }) {
  const store = new ChatEventStore(deps.db);
  const service = new AnalyticsService(store, deps.clock, new ChatWindowStore(deps.db));
  deps.bus.subscribe((e) => {
    if (!e.accountId) return;
    const at = Date.parse(e.timestamp);
    if (e.type === 'message.sent') {
      const d = e.data;
      store.record({
        accountId: e.accountId,
        direction: 'sent',
        cause: d.cause as Cause,
        username: null,
        text: d.message,
        messageId: d.messageId,
        at,
      });
    } else if (e.type === 'chat.message' && e.data.kind === 'message') {
      const l = e.data;
      // Our own posts come back as self lines: counted once, when sent. The host's hand-typed lines count as sent.
      if (l.self && !l.manual) return;
      const base = { accountId: e.accountId, username: l.username, text: l.text, rowKey: l.rowKey, at };
      if (l.self) store.record({ ...base, direction: 'sent', cause: 'manual' });
      else store.record({ ...base, direction: 'received', cause: (l.reaction?.cause ?? null) as Cause | null, trigger: l.reaction?.trigger ?? null });
    }
  });
  const domain: Domain<AnalyticsService> & { service: AnalyticsService; store: ChatEventStore } = {
    name: 'analytics',
    service,
    store,
    routes: analyticsRoutes(service, deps.accounts),
  };
  return domain;
}
