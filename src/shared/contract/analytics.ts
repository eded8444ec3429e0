import { z } from 'zod';
import { accountQuery, op } from './op.js';

/** day = the last 24 hours (the reference); today = since midnight where the caller is (utcOffsetMinutes). */
export const PERIODS = ['today', 'day', 'week', 'month', 'all'] as const;
export const periodSchema = z
  .enum(PERIODS)
  .default('week')
  .describe('today: since midnight at utcOffsetMinutes; day: the last 24 hours; week: 7 days; month: 30 days; all');
export type Period = z.infer<typeof periodSchema>;

/** The viewer's UTC offset, so `today` and day buckets start at their midnight (JavaScript: -new Date().getTimezoneOffset()). */
const utcOffset = z.coerce
  .number()
  .int()
  .min(-840)
  .max(840)
  .default(0)
  .describe(
    'Minutes east of UTC for period=today and day-aligned buckets, e.g. -300 for New York in winter. Counts are kept per UTC hour, so with a half-hour offset a bucket edge falls on the hour; the first bucket holds only the part of it inside the period',
  );

/** One show instead of a period (GET /shows): its window from start to end (to now while it runs). */
const showParam = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe(
    "A show id (GET /shows): only that show's time window, from its start to its end (now while it runs); period is then ignored, and an unknown show (or one of another account than `account`) is a 404 NOT_FOUND",
  );

export const analyticsQuery = accountQuery.extend({ period: periodSchema, utcOffsetMinutes: utcOffset, show: showParam }).strict();

export const analyticsSchema = z.object({
  totalMessages: z.number().int().describe('Messages the bot sent in the period'),
  welcomeMessages: z.number().int(),
  faqReplies: z.number().int(),
  timerMessages: z.number().int(),
  commandReplies: z.number().int(),
  apiMessages: z.number().int().describe('Sent through POST /messages/send or MCP'),
  otherMessages: z.number().int(),
  messagesReceived: z.number().int(),
  uniqueChatters: z.number().int(),
  period: periodSchema,
  since: z.string().nullable().describe("Start of the window: the period's, or the show's start with `show`"),
  // Optional in the schema only because the reference's example predates them; BuzzChat always sends both.
  until: z.string().nullable().optional().describe('End of the window: null = now; the end of the show with `show` (null while it runs)'),
  show: z.string().nullable().optional().describe('The show the figures are restricted to (`show`), else null'),
  breakdown: z
    .object({ welcome: z.number(), faq: z.number(), timer: z.number(), command: z.number(), api: z.number(), other: z.number() })
    .describe('Percent of totalMessages per cause, one decimal; sums to exactly 100 when totalMessages > 0 (largest-remainder rounding)'),
});
export type AnalyticsView = z.infer<typeof analyticsSchema>;

export const faqTriggersQuery = accountQuery
  .extend({
    period: z.enum(PERIODS).default('all'),
    limit: z.coerce.number().int().min(1).max(100).default(10),
    utcOffsetMinutes: utcOffset,
    show: showParam,
  })
  .strict();

export const faqTriggersSchema = z.object({
  triggers: z.array(z.object({ keyword: z.string(), count: z.number().int() })),
});
export type FaqTriggersView = z.infer<typeof faqTriggersSchema>;

export const timelineQuery = accountQuery.extend({ period: periodSchema, utcOffsetMinutes: utcOffset, show: showParam }).strict();

export const timelineSchema = z.object({
  period: periodSchema,
  bucketMinutes: z
    .number()
    .int()
    .describe(
      '60 for today and a day, 360 for a week, 1440 (a day) or more for a month and all time; for a show 5 (up to 2 hours), 15 (up to 8 hours) or 60',
    ),
  buckets: z.array(
    z.object({
      start: z.string().describe('Bucket start (ISO 8601)'),
      received: z.number().int().describe('Chat lines from viewers'),
      sent: z.number().int().describe('Messages the bot and the host sent'),
    }),
  ),
});
export type TimelineView = z.infer<typeof timelineSchema>;

export const topChattersQuery = accountQuery
  .extend({ period: periodSchema, limit: z.coerce.number().int().min(1).max(100).default(10), utcOffsetMinutes: utcOffset, show: showParam })
  .strict();

export const topChattersSchema = z.object({
  chatters: z.array(z.object({ username: z.string(), messages: z.number().int(), lastMessageAt: z.string() })),
});
export type TopChattersView = z.infer<typeof topChattersSchema>;

const TAG = 'Analytics';

export const analyticsApi = {
  summary: op({
    method: 'get',
    path: '/analytics',
    tag: TAG,
    summary: 'Session analytics: messages the bot sent by cause, with percentages',
    scope: 'analytics:read',
    query: analyticsQuery,
    response: analyticsSchema,
  }),
  faqTriggers: op({
    method: 'get',
    path: '/analytics/faq-triggers',
    tag: TAG,
    summary: 'Top FAQ trigger keywords with counts',
    scope: 'analytics:read',
    query: faqTriggersQuery,
    response: faqTriggersSchema,
  }),
  timeline: op({
    method: 'get',
    path: '/analytics/timeline',
    tag: TAG,
    summary: 'Chat activity over the period: lines received and sent per hour, 6 hours or day',
    scope: 'analytics:read',
    query: timelineQuery,
    response: timelineSchema,
  }),
  topChatters: op({
    method: 'get',
    path: '/analytics/top-chatters',
    tag: TAG,
    summary: 'Viewers who wrote the most in the period',
    scope: 'analytics:read',
    query: topChattersQuery,
    response: topChattersSchema,
  }),
};
