import { webhooksApi } from '../../../shared/contract/webhooks.js';
import { notFound } from '../../http/errors.js';
import { implement } from '../../http/route.js';
import type { WebhookService } from './service.js';
import type { DeliveryWorker } from './worker.js';

export function webhookRoutes(service: WebhookService, worker: DeliveryWorker) {
  return implement(webhooksApi, {
    config: () => service.config(),
    setConfig: ({ body }) => service.setConfig(body),
    create: ({ body }) => service.create(body),
    list: () => ({ webhooks: service.list() }),
    get: ({ params }) => service.get(params.id),
    update: ({ params, body }) => service.update(params.id, body),
    delete: ({ params }) => service.delete(params.id),
    test: async ({ params }) => {
      const hook = service.hook(params.id);
      if (!hook) throw notFound(`Webhook ${params.id}`);
      return worker.sendTest(hook);
    },
    rotateSecret: ({ params }) => service.rotateSecret(params.id),
    deliveries: ({ params, query }) => service.deliveries(params.id, query),
    retryDelivery: ({ params }) => service.retryDelivery(params.id, params.deliveryId),
  });
}
