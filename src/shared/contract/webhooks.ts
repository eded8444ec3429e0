import { z } from 'zod';
import { eventTypeSchema } from '../events.js';
import { op } from './op.js';

export { eventTypeSchema };

const urlField = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .describe('http(s) URL that receives the POSTs; private-network hosts need allowPrivateNetworks (loopback is always allowed)');
const eventsField = z
  .array(eventTypeSchema)
  .min(1)
  .max(64)
  .transform((events) => [...new Set(events)])
  .describe('Event types to deliver');

export const createWebhookBody = z.object({ url: urlField, events: eventsField }).strict();

export const updateWebhookBody = z
  .object({
    url: urlField.optional(),
    events: eventsField.optional(),
    active: z
      .boolean()
      .optional()
      .describe(
        'false pauses the endpoint: nothing is sent to it; events of its types are still recorded and held for it ' +
          '(newest 10,000, at most 30 days; checked hourly). true resumes: queued and held events go at once, oldest first, with their ' +
          'original ids; it also clears an automatic disable',
      ),
    discardHeld: z
      .boolean()
      .optional()
      .describe('true drops the events held while the endpoint was inactive instead of delivering them (not in the reference)'),
  })
  .strict()
  .refine(
    (b) => b.url !== undefined || b.events !== undefined || b.active !== undefined || b.discardHeld !== undefined,
    'Give at least one of url, events, active, discardHeld',
  );

export const webhookSchema = z.object({
  id: z.string().describe('wh_…'),
  url: z.string(),
  events: z.array(eventTypeSchema),
  active: z.boolean(),
  disabledReason: z.string().nullable().describe('Why BuzzChat disabled the endpoint after failing for days; null otherwise'),
  heldEvents: z
    .number()
    .int()
    .describe('Events that happened while the endpoint was inactive, held for it and delivered when it is re-enabled; 0 when active'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookView = z.infer<typeof webhookSchema>;

export const createdWebhookSchema = webhookSchema.extend({
  secret: z
    .string()
    .describe(
      'whsec_… - shown only in this response. X-BuzzChat-Signature = hex HMAC-SHA256 of the raw body keyed with this whole string; ' +
        'webhook-signature (Standard Webhooks) = v1,base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body" keyed with the base64-decoded part after whsec_',
    ),
});
export type CreatedWebhookView = z.infer<typeof createdWebhookSchema>;

export const rotatedSecretSchema = z.object({
  id: z.string(),
  secret: z.string().describe('The new whsec_… secret, shown only here'),
  previousSecretExpiresAt: z
    .string()
    .describe(
      "Until then every delivery also carries the old secret's signatures: X-BuzzChat-Signature-Previous (same recipe as " +
        'X-BuzzChat-Signature, which is made with the new secret) and a second v1 entry in webhook-signature',
    ),
});

export const webhookIdParams = z.object({ id: z.string().min(1).max(64) });
export const deliveryParams = webhookIdParams.extend({ deliveryId: z.coerce.number().int().positive() });

export const DELIVERY_STATUSES = ['held', 'pending', 'sending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const attemptSchema = z.object({
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  error: z.string().nullable().describe('null when the endpoint answered 2xx'),
  responseBody: z.string().nullable().describe('First 1 KB of the response'),
  at: z.string(),
});

export const deliverySchema = z.object({
  id: z.number().int(),
  eventId: z.string(),
  eventType: z.string(),
  status: z
    .enum(DELIVERY_STATUSES)
    .describe(
      'held (the event happened while the endpoint was inactive; sent when it is re-enabled), pending (waiting for its next ' +
        'attempt), sending, delivered, dead (retries exhausted)',
    ),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  attemptLog: z.array(attemptSchema),
});
export type DeliveryView = z.infer<typeof deliverySchema>;

export const deliveriesQuery = z
  .object({
    status: z.enum(DELIVERY_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    before: z.coerce.number().int().positive().optional().describe('Page cursor: deliveries with a smaller id (nextBefore of the previous page)'),
  })
  .strict();

export const deliveriesResponse = z.object({
  deliveries: z.array(deliverySchema).describe('Newest first'),
  nextBefore: z.number().int().nullable(),
});
export type DeliveriesPage = z.infer<typeof deliveriesResponse>;

export const testResultSchema = z.object({
  delivered: z.boolean(),
  responseCode: z.number().int().nullable(),
  responseTime: z.number().int().describe('Milliseconds'),
  error: z.string().nullable(),
  eventId: z.string().describe('id of the `webhook.test` event that was sent'),
});
export type TestResult = z.infer<typeof testResultSchema>;

export const webhookConfigSchema = z.object({
  allowPrivateNetworks: z.boolean().describe('Allow URLs on private, link-local, CGNAT and unique-local networks (loopback is always allowed)'),
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
export const webhookConfigPatch = webhookConfigSchema.partial().strict();

const TAG = 'Webhooks';

export const webhooksApi = {
  // Before /webhooks/:id, which would otherwise take "config" for an id.
  config: op({
    method: 'get',
    path: '/webhooks/config',
    tag: TAG,
    summary: 'App-wide webhook settings',
    scope: 'webhooks:read',
    response: webhookConfigSchema,
  }),
  setConfig: op({
    method: 'patch',
    path: '/webhooks/config',
    tag: TAG,
    summary: 'Change app-wide webhook settings (allowPrivateNetworks); needs keys:admin, since it lifts SSRF protection',
    // An integration allowed to add webhooks must not be able to point them at the LAN on its own.
    scope: 'keys:admin',
    body: webhookConfigPatch,
    response: webhookConfigSchema,
  }),
  create: op({
    method: 'post',
    path: '/webhooks',
    tag: TAG,
    summary: 'Register a webhook; the secret is returned only in this response',
    scope: 'webhooks:write',
    status: 201,
    body: createWebhookBody,
    response: createdWebhookSchema,
  }),
  list: op({
    method: 'get',
    path: '/webhooks',
    tag: TAG,
    summary: 'List webhooks (secrets are never returned), with how many events each inactive one holds (heldEvents)',
    scope: 'webhooks:read',
    response: z.object({ webhooks: z.array(webhookSchema) }),
  }),
  get: op({
    method: 'get',
    path: '/webhooks/:id',
    tag: TAG,
    summary: 'One webhook, with how many events it holds while inactive (heldEvents)',
    scope: 'webhooks:read',
    params: webhookIdParams,
    response: webhookSchema,
  }),
  update: op({
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
  }),
  delete: op({
    method: 'delete',
    path: '/webhooks/:id',
    tag: TAG,
    summary: 'Delete a webhook and its delivery log; undelivered and held events to it are dropped',
    scope: 'webhooks:write',
    params: webhookIdParams,
    response: z.object({ id: z.string(), deleted: z.literal(true) }),
  }),
  test: op({
    method: 'post',
    path: '/webhooks/:id/test',
    tag: TAG,
    summary: 'Send a signed `webhook.test` event now and report the outcome (not retried, not logged)',
    scope: 'webhooks:write',
    params: webhookIdParams,
    response: testResultSchema,
  }),
  rotateSecret: op({
    method: 'post',
    path: '/webhooks/:id/rotate-secret',
    tag: TAG,
    summary: 'Replace the signing secret; for 24 h the old one also signs (X-BuzzChat-Signature-Previous, webhook-signature)',
    scope: 'webhooks:write',
    params: webhookIdParams,
    response: rotatedSecretSchema,
  }),
  deliveries: op({
    method: 'get',
    path: '/webhooks/:id/deliveries',
    tag: TAG,
    summary: 'Delivery log, newest first: each event, its status (held ones while the endpoint is inactive) and every attempt',
    scope: 'webhooks:read',
    params: webhookIdParams,
    query: deliveriesQuery,
    response: deliveriesResponse,
  }),
  retryDelivery: op({
    method: 'post',
    path: '/webhooks/:id/deliveries/:deliveryId/retry',
    tag: TAG,
    summary: 'Redeliver now (also a delivered or dead one); same event id and body',
    scope: 'webhooks:write',
    // The webhook is inactive, or the delivery is being sent right now.
    errors: ['CONFLICT'],
    status: 202,
    params: deliveryParams,
    response: deliverySchema,
  }),
};
