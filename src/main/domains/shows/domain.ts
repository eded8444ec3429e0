import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { Logger } from '../../kernel/logger.js';
import type { AccountService } from '../accounts/service.js';
import type { ChatGateway } from '../chat/types.js';
import type { Domain } from '../define.js';
import { showRoutes } from './routes.js';
import { DEFAULT_SHOW_OPTIONS, ShowService, type ShowOptions } from './service.js';
import { ShowStore } from './store.js';

export interface ShowsDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  events: EventPublisher;
  accounts: AccountService;
}

/** Shows: tonight's show and past ones, with their figures and the platform's stream events. */
export function showsDomain(deps: ShowsDeps, gateway: Pick<ChatGateway, 'onEvent'> | null, options: Partial<ShowOptions> = {}) {
  const service = new ShowService(new ShowStore(deps.db), deps.clock, deps.events, deps.logger, { ...DEFAULT_SHOW_OPTIONS, ...options });
  const unsubscribe: (() => void)[] = [];
  const guard = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      // Counting a show must never break the chat or the publisher that told us.
      deps.logger.error(`Shows: ${what} failed:`, err);
    }
  };
  const domain: Domain<ShowService> & { service: ShowService } = {
    name: 'shows',
    service,
    routes: showRoutes(service, deps.accounts),
    start() {
      service.start();
      unsubscribe.push(deps.bus.subscribe((e) => guard(e.type, () => service.onBusEvent(e))));
      const off = gateway?.onEvent?.((w) => guard(`stream event ${w.event.type}`, () => service.onWireEvent(w)));
      if (off) unsubscribe.push(off);
    },
    stop() {
      for (const u of unsubscribe.splice(0)) u();
      service.stop();
    },
  };
  return domain;
}
