import { z } from 'zod';
import { accountQuery, op } from './op.js';

/**
 * Shows: one live show of an account, from the moment its page goes live (or the chat connects, where the site
 * shows no live state) until it ends; and what the platform's own data stream said during it (tips, raids, its
 * giveaways, products sold), stored and counted per show.
 */

const iso = z.string().describe('ISO 8601');
const money = z.number().nullable().describe("In the currency's main unit (dollars, not cents); null when the site hides it");

/** What the platform's data stream reports besides chat lines, as BuzzChat stores and publishes it. */
export const streamEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('tip'),
    username: z.string(),
    amount: money,
    currency: z.string().nullable().describe('ISO code, or e.g. "bits" on Twitch'),
    text: z.string().nullable(),
    variant: z.string().optional().describe('sub, resub, subgift, sticker, membership_gift... when it is not a plain tip'),
    quantity: z.number().int().optional(),
  }),
  z.object({
    type: z.literal('raid'),
    direction: z.enum(['incoming', 'outgoing']),
    fromUsername: z.string().nullable(),
    toUsername: z.string().nullable(),
    viewers: z.number().int().nullable(),
  }),
  z.object({
    type: z.literal('giveaway'),
    phase: z.enum(['started', 'entries', 'won', 'ended']).describe("The platform's own giveaway (e.g. Whatnot's), not BuzzChat's keyword giveaway"),
    giveawayId: z.string().nullable(),
    title: z.string().nullable(),
    entryCount: z.number().int().nullable(),
    winner: z.string().nullable(),
  }),
  z.object({
    type: z.literal('product'),
    action: z.enum(['created', 'updated', 'deleted', 'sold']),
    productId: z.string(),
    title: z.string().nullable(),
    price: money,
    currency: z.string().nullable(),
    buyer: z.string().nullable(),
  }),
]);
export type StreamEvent = z.infer<typeof streamEventSchema>;

export const showStatsSchema = z.object({
  messages: z.number().int().describe('Chat lines from viewers'),
  chatters: z.number().int().describe('Distinct viewers who wrote'),
  joins: z.number().int(),
  botMessages: z.number().int().describe('Messages BuzzChat sent (every cause)'),
  faqAnswers: z.number().int(),
  welcomes: z.number().int(),
  giveawayEntries: z.number().int().describe("Entries to BuzzChat's keyword giveaway"),
  winnersDrawn: z.number().int(),
  tips: z.number().int(),
  tipTotals: z.record(z.string(), z.number()).describe('Sum of tips per currency, e.g. {"USD": 12.5}'),
  raids: z.number().int().describe('Incoming raids'),
  raidViewers: z.number().int(),
  itemsSold: z.number().int(),
  salesTotals: z.record(z.string(), z.number()).describe('Sum of sold prices per currency, when the frames say'),
  platformGiveawaysWon: z.number().int(),
  peakViewers: z.number().int().nullable(),
});
export type ShowStats = z.infer<typeof showStatsSchema>;

export const showSchema = z.object({
  id: z.string().describe('show_…'),
  accountId: z.string(),
  platform: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  startedAt: iso,
  endedAt: iso.nullable().describe('null while the show runs'),
  endReason: z.enum(['ended', 'disconnected', 'app-stopped', 'switched']).nullable(),
  stats: showStatsSchema,
});
export type ShowView = z.infer<typeof showSchema>;

export const storedStreamEventSchema = z.object({
  id: z.number().int(),
  showId: z.string().nullable(),
  at: iso,
  event: streamEventSchema,
});

const idParams = z.object({ id: z.string().min(1).max(64) });
const TAG = 'Shows';

export const showsApi = {
  list: op({
    method: 'get',
    path: '/shows',
    tag: TAG,
    summary: 'Shows of the account, newest first, each with its figures',
    scope: 'analytics:read',
    query: accountQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(20) }).strict(),
    response: z.object({ shows: z.array(showSchema) }),
  }),
  current: op({
    method: 'get',
    path: '/shows/current',
    tag: TAG,
    summary: "Tonight's show while it runs (null when none runs)",
    scope: 'analytics:read',
    query: accountQuery.strict(),
    response: z.object({ show: showSchema.nullable() }),
  }),
  get: op({
    method: 'get',
    path: '/shows/:id',
    tag: TAG,
    summary: 'One show with its figures',
    scope: 'analytics:read',
    params: idParams,
    response: z.object({ show: showSchema }),
  }),
  events: op({
    method: 'get',
    path: '/shows/:id/events',
    tag: TAG,
    summary: "What the platform's data stream reported during the show (tips, raids, its giveaways, products), oldest first",
    scope: 'analytics:read',
    params: idParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict(),
    response: z.object({ events: z.array(storedStreamEventSchema) }),
  }),
};
