import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { WEBHOOK_EVENTS, type PublicEventType } from '../../shared/events.js';

/**
 * The OpenAPI 3.1 `webhooks` section: what BuzzChat POSTs to a registered endpoint for each public event (and
 * for POST /webhooks/{id}/test), with the signature headers the sender sets (domains/webhooks/signing.ts).
 */

type Delivered = PublicEventType | 'webhook.test';

const SUMMARIES: Partial<Record<Delivered, string>> = {
  'giveaway.entry': 'A viewer entered the giveaway',
  'giveaway.winner': 'Winner(s) drawn',
  'message.sent': 'The bot sent a chat message',
  'message.received': 'A chat message matched an FAQ rule or a command',
  'bot.started': 'The bot was activated',
  'bot.stopped': 'The bot was deactivated',
  'show.started': 'A show (live stream) started',
  'show.ended': 'A show ended, with its statistics',
  'stream.tip': "The platform's data stream reported a tip",
  'stream.raid': "The platform's data stream reported a raid",
  'stream.giveaway': "The platform's own giveaway (not BuzzChat's)",
  'stream.product': 'The platform reported a product (listing, auction)',
  'webhook.test': 'Test event sent by POST /api/v1/webhooks/{id}/test (not retried, not logged)',
};

const EXAMPLE_DATA: Partial<Record<Delivered, Record<string, unknown>>> = {
  'giveaway.entry': { accountId: 'acc_1', username: 'viewer123', entryTime: '2025-01-24T10:30:00Z' },
  'giveaway.winner': { accountId: 'acc_1', winners: ['viewer123'], drawId: 'drw_abc123', entriesCount: 2, timestamp: '2025-01-24T10:30:00Z' },
  'message.sent': { accountId: 'acc_1', messageId: 'msg_abc123', message: 'Thanks for watching!', cause: 'api', sentAt: '2025-01-24T10:30:00Z' },
  'message.received': {
    accountId: 'acc_1',
    username: 'viewer123',
    message: 'how much is shipping?',
    matched: { type: 'faq', ruleId: 'faq_1', trigger: 'shipping' },
  },
  'bot.started': { accountId: 'acc_1' },
  'bot.stopped': { accountId: 'acc_1' },
  'webhook.test': { webhookId: 'wh_abc123', message: 'Test event from BuzzChat' },
};

/** The request headers every delivery carries (optional ones only during a secret rotation). */
function deliveryHeaders() {
  return z.object({
    'X-BuzzChat-Signature': z.string().meta({
      description: "Lowercase hex HMAC-SHA256 of the raw body, keyed with the whole webhook secret (`whsec_…` as UTF-8): the reference's recipe",
      examples: ['5d41402abc4b2a76b9719d911017c592ae1c6e5b1b8b5e7a0a3f0f0e9c3a2b1d'],
    }),
    'X-BuzzChat-Signature-Previous': z
      .string()
      .optional()
      .meta({ description: 'Only for 24 h after POST /webhooks/{id}/rotate-secret: the same signature made with the previous secret' }),
    'webhook-id': z
      .string()
      .meta({ description: 'Standard Webhooks message id: the event id (evt_…), the same on every retry', examples: ['evt_xyz789'] }),
    'webhook-timestamp': z
      .string()
      .meta({ description: 'Standard Webhooks: epoch seconds of this attempt; refuse ones too far from now', examples: ['1706092200'] }),
    'webhook-signature': z.string().meta({
      description:
        'Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `webhook-id.webhook-timestamp.body`, keyed with the base64-decoded part of the ' +
        'secret after `whsec_`; during a rotation a second space-separated `v1,` entry is made with the previous secret',
      examples: ['v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4='],
    }),
    'User-Agent': z.string().meta({ description: 'BuzzChat-Webhooks/1', examples: ['BuzzChat-Webhooks/1'] }),
  });
}

function eventBody(type: Delivered, data: z.ZodType) {
  return z
    .object({
      id: z.string().meta({ description: 'Event id (evt_…); the same on every retry, so receivers can drop duplicates' }),
      type: z.literal(type),
      timestamp: z.string().meta({ description: 'When the event happened (ISO 8601)' }),
      data,
    })
    .meta(EXAMPLE_DATA[type] ? { examples: [{ id: 'evt_xyz789', type, timestamp: '2025-01-24T10:30:00Z', data: EXAMPLE_DATA[type] }] } : {});
}

function webhookOperation(type: Delivered, data: z.ZodType) {
  return {
    post: {
      operationId: `webhook_${type.replace(/\./g, '_')}`,
      summary: SUMMARIES[type] ?? `The ${type} event`,
      description:
        'POSTed as JSON to every active webhook subscribed to the event. Answer 2xx within 10 s to acknowledge; anything else ' +
        '(a 3xx is not followed) is retried with backoff (5 s, 30 s, 2 min, … about 12 attempts over 24 h). Verify a signature over the raw body before parsing it.',
      tags: ['Webhook events'],
      requestParams: { header: deliveryHeaders() },
      requestBody: { required: true, content: { 'application/json': { schema: eventBody(type, data) } } },
      responses: {
        '2XX': { description: 'Delivered: the response body is ignored (its first 1 KB is kept in the delivery log)' },
        default: { description: 'Failed: retried later; after days of failures the endpoint is disabled' },
      },
    },
  };
}

/** The payload as delivered: the event's data with the account it concerns (null for app-wide events). */
function deliveredData(type: PublicEventType) {
  const payload = WEBHOOK_EVENTS[type] as z.ZodObject;
  return 'accountId' in payload.shape ? payload : payload.extend({ accountId: z.string().nullable() });
}

export function webhooksSection(): ZodOpenApiPathsObject {
  const out: ZodOpenApiPathsObject = {};
  for (const type of Object.keys(WEBHOOK_EVENTS) as PublicEventType[]) out[type] = webhookOperation(type, deliveredData(type));
  out['webhook.test'] = webhookOperation('webhook.test', z.object({ webhookId: z.string(), message: z.string() }));
  return out;
}
