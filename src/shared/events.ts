import { z } from 'zod';
import { chatLineSchema, chatStatusSchema } from './contract/chat.js';
import { showStatsSchema, streamEventSchema } from './contract/shows.js';

/**
 * The event catalogue: every event the core publishes on its bus, with its payload schema. The live stream
 * (`GET /api/v1/events`) carries all of them; webhooks deliver the public ones. The reference's six public
 * events keep their exact payloads.
 */

const iso = z.string().describe('ISO 8601');

const matchedSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('faq'), ruleId: z.string(), trigger: z.string() }),
  z.object({ type: z.literal('command'), command: z.string(), trigger: z.string() }),
]);

/** Events webhooks may subscribe to (the reference's six). */
export const PUBLIC_EVENTS = {
  'giveaway.entry': z.object({ username: z.string(), entryTime: iso, accountId: z.string() }),
  'giveaway.winner': z.object({
    winners: z.array(z.string()),
    drawId: z.string(),
    entriesCount: z.number().int(),
    accountId: z.string(),
    timestamp: iso,
  }),
  'message.sent': z.object({ messageId: z.string(), message: z.string(), cause: z.string(), sentAt: iso.nullable() }),
  'message.received': z.object({ username: z.string(), message: z.string(), matched: matchedSchema, accountId: z.string() }),
  'bot.started': z.object({ accountId: z.string() }),
  'bot.stopped': z.object({ accountId: z.string() }),
} as const;

const onShow = z.object({
  accountId: z.string(),
  showId: z.string().nullable().describe('The show it happened in; null outside a show'),
  platform: z.string(),
  at: iso,
});
const [tipEvent, raidEvent, giveawayEvent, productEvent] = streamEventSchema.options;

/**
 * Events beyond the reference's six: shows, and what the platform's own data stream reports (tips, raids, its
 * giveaways, products). Webhooks may subscribe to them like to the six.
 */
export const STREAM_EVENTS = {
  'show.started': z.object({ accountId: z.string(), showId: z.string(), platform: z.string(), title: z.string().nullable(), startedAt: iso }),
  'show.ended': z.object({
    accountId: z.string(),
    showId: z.string(),
    platform: z.string(),
    startedAt: iso,
    endedAt: iso,
    endReason: z.string(),
    stats: showStatsSchema,
  }),
  'stream.tip': onShow.extend(tipEvent.shape),
  'stream.raid': onShow.extend(raidEvent.shape),
  'stream.giveaway': onShow.extend(giveawayEvent.shape),
  'stream.product': onShow.extend(productEvent.shape),
} as const;

/** Events for dashboards and the live stream only; never delivered to webhooks. */
export const INTERNAL_EVENTS = {
  /** A parsed chat line (the chat driver's ChatLine). */
  'chat.message': chatLineSchema,
  /** The chat session's status snapshot, as GET /chat/status answers it. */
  'chat.status': chatStatusSchema,
  'message.queued': z.object({ messageId: z.string(), message: z.string(), cause: z.string(), scheduledFor: iso }),
  'message.failed': z.object({ messageId: z.string(), message: z.string(), cause: z.string(), error: z.string() }),
  'giveaway.cleared': z.object({ accountId: z.string(), cleared: z.number().int(), roundId: z.number().int() }),
  'giveaway.claimed': z.object({ username: z.string(), claimedAt: iso }),
  /** Entries opened (POST /giveaway/open): from opensAt, until closesAt when set. */
  'giveaway.opened': z.object({ accountId: z.string(), keyword: z.string(), opensAt: iso, closesAt: iso.nullable() }),
  /** The last call: closesAt is lastCallSeconds away (once per closing time). */
  'giveaway.closing': z.object({ accountId: z.string(), keyword: z.string(), closesAt: iso, secondsLeft: z.number().int() }),
  /** Entries closed: by hand (POST /giveaway/close) or because closesAt passed. */
  'giveaway.closed': z.object({ accountId: z.string(), closedAt: iso, reason: z.enum(['manual', 'timer']), entries: z.number().int() }),
  /** The bot's moderation flagged a viewer's line (and hid it when the action is hide and the platform can). */
  'moderation.hit': z.object({
    accountId: z.string(),
    username: z.string(),
    reason: z.string().describe('blocked-word, repeat, link, caps...'),
    detail: z.string(),
    action: z.enum(['hide', 'log']),
    command: z.string().nullable().describe('The moderator command queued, or null when only logged'),
  }),
  'settings.updated': z.object({ accountId: z.string(), fields: z.array(z.string()) }),
  'accounts.switched': z.object({ accountId: z.string(), previousAccountId: z.string().nullable() }),
  /** The viewer count the platform reports (data stream or page). */
  'stream.viewers': z.object({ accountId: z.string(), count: z.number().int() }),
  'webhook.disabled': z.object({
    webhookId: z.string(),
    url: z.string(),
    reason: z.string(),
    consecutiveFailures: z.number().int(),
    failingSince: iso.nullable(),
  }),
} as const;

/** What webhooks may subscribe to: the reference's six (payloads exactly as written there), then shows and stream events. */
export const WEBHOOK_EVENTS = { ...PUBLIC_EVENTS, ...STREAM_EVENTS };
export const EVENT_CATALOGUE = { ...WEBHOOK_EVENTS, ...INTERNAL_EVENTS };

export type PublicEventType = keyof typeof WEBHOOK_EVENTS;
export type InternalEventType = keyof typeof INTERNAL_EVENTS;
export type EventType = keyof typeof EVENT_CATALOGUE;
export const PUBLIC_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [PublicEventType, ...PublicEventType[]];
/** The reference's six. */
export const REFERENCE_EVENT_TYPES = Object.keys(PUBLIC_EVENTS) as (keyof typeof PUBLIC_EVENTS)[];
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as [EventType, ...EventType[]];

export type EventData<T extends EventType> = z.input<(typeof EVENT_CATALOGUE)[T]>;

/** One published event: `{id, type, timestamp, accountId, data}` on the live stream; webhooks send it without accountId. */
export type BusEventOf<T extends EventType> = { id: string; type: T; timestamp: string; accountId: string | null; data: EventData<T> };
export type BusEvent = { [T in EventType]: BusEventOf<T> }[EventType];

export const eventTypeSchema = z.enum(PUBLIC_EVENT_TYPES);
