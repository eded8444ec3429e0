import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { Logger } from '../../kernel/logger.js';
import type { Domain } from '../define.js';
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions } from './options.js';
import { webhookRoutes } from './routes.js';
import { WebhookService } from './service.js';
import { WebhookStore } from './store.js';
import { DeliveryWorker } from './worker.js';

export interface WebhooksModule extends Domain {
  service: WebhookService;
  worker: DeliveryWorker;
}

/**
 * Webhooks: registrations and the API, the outbox on the event bus, and the delivery worker.
 * Options exist for tests and benches (short timeouts and backoff, a fake resolver).
 */
export function webhooksModule(
  s: { db: Db; clock: Clock; events: EventPublisher; logger: Logger; bus: EventBus },
  overrides: Partial<WebhookOptions> = {},
): WebhooksModule {
  const options = { ...DEFAULT_WEBHOOK_OPTIONS, ...overrides };
  const store = new WebhookStore(s.db);
  const service = new WebhookService(s.db, store, s.clock, s.events, s.logger, options);
  const worker = new DeliveryWorker(s.db, store, service, s.clock, s.logger, options);
  service.setListener({
    onDue: () => worker.wake(),
    onConfigChanged: (config) => {
      if (!config.allowPrivateNetworks) worker.resetConnections();
    },
  });
  // Subscribed for the bus's whole life, not just between start and stop: an event published while the
  // worker is stopped must still reach the outbox (it is delivered on the next start).
  s.bus.subscribe(service.handleEvent);
  return {
    name: 'webhooks',
    service,
    worker,
    routes: webhookRoutes(service, worker),
    start: () => worker.start(),
    stop: () => worker.stop(),
  };
}
