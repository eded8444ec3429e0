import { z } from 'zod';
import { notFound } from '../../http/errors.js';
import { route } from '../../http/route.js';
import {
  createdWebhookSchema,
  createWebhookBody,
  deliveriesQuery,
  deliveriesResponse,
  deliveryParams,
  deliverySchema,
  rotatedSecretSchema,
  testResultSchema,
  updateWebhookBody,
  webhookConfigPatch,
  webhookConfigSchema,
  webhookIdParams,
  webhookSchema,
} from './schema.js';
import type { WebhookService } from './service.js';
import type { DeliveryWorker } from './worker.js';

const TAG = 'Webhooks';

export function webhookRoutes(service: WebhookService, worker: DeliveryWorker) {
  return [
    // Before /webhooks/:id, which would otherwise take "config" for an id.
    route({
      method: 'get',
      path: '/webhooks/config',
      tag: TAG,
      summary: 'App-wide webhook settings',
      scope: 'webhooks:read',
      response: webhookConfigSchema,
      handler: () => service.config(),
    }),
    route({
      method: 'patch',
      path: '/webhooks/config',
      tag: TAG,
      summary: 'Change app-wide webhook settings (allowPrivateNetworks); needs keys:admin, since it lifts SSRF protection',
      // An integration allowed to add webhooks must not be able to point them at the LAN on its own.
      scope: 'keys:admin',
      body: webhookConfigPatch,
      response: webhookConfigSchema,
      handler: ({ body }) => service.setConfig(body),
    }),
    route({
      method: 'post',
      path: '/webhooks',
      tag: TAG,
      summary: 'Register a webhook; the secret is returned only in this response',
      scope: 'webhooks:write',
      status: 201,
      body: createWebhookBody,
      response: createdWebhookSchema,
      handler: ({ body }) => service.create(body),
    }),
    route({
      method: 'get',
      path: '/webhooks',
      tag: TAG,
      summary: 'List webhooks (secrets are never returned), with how many events each inactive one holds (heldEvents)',
      scope: 'webhooks:read',
      response: z.object({ webhooks: z.array(webhookSchema) }),
      handler: () => ({ webhooks: service.list() }),
    }),
    route({
      method: 'get',
      path: '/webhooks/:id',
      tag: TAG,
      summary: 'One webhook, with how many events it holds while inactive (heldEvents)',
      scope: 'webhooks:read',
      params: webhookIdParams,
      response: webhookSchema,
      handler: ({ params }) => service.get(params.id),
    }),
    route({
      method: 'patch',
      path: '/webhooks/:id',
      tag: TAG,
      summary:
        'Change url, events or active; active=true also re-enables an endpoint BuzzChat disabled and sends the events held ' +
        'while it was inactive, oldest first (discardHeld=true drops them instead)',
      scope: 'webhooks:write',
      params: webhookIdParams,
      body: updateWebhookBody,
      response: webhookSchema,
      handler: ({ params, body }) => service.update(params.id, body),
    }),
    route({
      method: 'delete',
      path: '/webhooks/:id',
      tag: TAG,
      summary: 'Delete a webhook and its delivery log; undelivered and held events to it are dropped',
      scope: 'webhooks:write',
      params: webhookIdParams,
      response: z.object({ id: z.string(), deleted: z.literal(true) }),
      handler: ({ params }) => service.delete(params.id),
    }),
    route({
      method: 'post',
      path: '/webhooks/:id/test',
      tag: TAG,
      summary: 'Send a signed `webhook.test` event now and report the outcome (not retried, not logged)',
      scope: 'webhooks:write',
      params: webhookIdParams,
      response: testResultSchema,
      handler: async ({ params }) => {
        const hook = service.hook(params.id);
        if (!hook) throw notFound(`Webhook ${params.id}`);
        return worker.sendTest(hook);
      },
    }),
    route({
      method: 'post',
      path: '/webhooks/:id/rotate-secret',
      tag: TAG,
      summary: 'Replace the signing secret; for 24 h the old one also signs (X-BuzzChat-Signature-Previous, webhook-signature)',
      scope: 'webhooks:write',
      params: webhookIdParams,
      response: rotatedSecretSchema,
      handler: ({ params }) => service.rotateSecret(params.id),
    }),
    route({
      method: 'get',
      path: '/webhooks/:id/deliveries',
      tag: TAG,
      summary: 'Delivery log, newest first: each event, its status (held ones while the endpoint is inactive) and every attempt',
      scope: 'webhooks:read',
      params: webhookIdParams,
      query: deliveriesQuery,
      response: deliveriesResponse,
      handler: ({ params, query }) => service.deliveries(params.id, query),
    }),
    route({
      method: 'post',
      path: '/webhooks/:id/deliveries/:deliveryId/retry',
      tag: TAG,
      summary: 'Redeliver now (also a delivered or dead one); same event id and body',
      scope: 'webhooks:write',
      status: 202,
      params: deliveryParams,
      response: deliverySchema,
      handler: ({ params }) => service.retryDelivery(params.id, params.deliveryId),
    }),
  ];
}
