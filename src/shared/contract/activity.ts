import { z } from 'zod';
import { accountQuery, op } from './op.js';

/**
 * The activity feed's history: the bus events a dashboard shows as "what happened" (bot on/off, giveaway entries and
 * winners, messages sent or failed, matched chat lines, chat connects and disconnects, saved settings, disabled
 * webhooks), kept in a bounded log so a dashboard opened mid-show sees what came before. The same shape as the
 * live stream's events, so one renderer handles both.
 */
export const ACTIVITY_TYPES = [
  'bot.started',
  'bot.stopped',
  'giveaway.entry',
  'giveaway.winner',
  'giveaway.claimed',
  'giveaway.cleared',
  'message.sent',
  'message.failed',
  'message.received',
  'chat.status',
  'accounts.switched',
  'settings.updated',
  'webhook.disabled',
] as const;

/** The newest events kept; older ones are dropped as new ones arrive. */
export const ACTIVITY_KEPT = 1000;

export const activityEventSchema = z.object({
  id: z.string().describe('The bus event id (evt_…), as on the live stream'),
  type: z.enum(ACTIVITY_TYPES),
  timestamp: z.string(),
  accountId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).describe('The event payload, as on the live stream'),
});
export type ActivityEvent = z.infer<typeof activityEventSchema>;

export const activityQuery = accountQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

export const activityResponse = z.object({
  events: z.array(activityEventSchema).describe('Newest first: events of the account and app-wide ones (accountId null)'),
  chatConnected: z
    .boolean()
    .nullable()
    .describe('Whether the chat was connected at its last change (null: never connected); chat.status is logged only when this changes'),
});
export type ActivityView = z.infer<typeof activityResponse>;

export const activityApi = {
  list: op({
    method: 'get',
    path: '/activity',
    tag: 'Activity',
    summary: `Recent activity (the newest ${ACTIVITY_KEPT} events are kept), newest first: the history of the live stream's feed`,
    scope: 'chat:read',
    query: activityQuery,
    response: activityResponse,
  }),
};
