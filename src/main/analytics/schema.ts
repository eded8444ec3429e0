import { z } from 'zod';
import { accountQuery } from '../api/route.js';

export const periodSchema = z.enum(['day', 'week', 'month', 'all']).default('week');
export type Period = z.infer<typeof periodSchema>;

export const analyticsQuery = accountQuery.extend({ period: periodSchema }).strict();

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
  since: z.string().nullable(),
  breakdown: z.object({ welcome: z.number(), faq: z.number(), timer: z.number() }).describe('Percent of totalMessages'),
});
export type AnalyticsView = z.infer<typeof analyticsSchema>;

export const faqTriggersQuery = accountQuery
  .extend({
    period: z.enum(['day', 'week', 'month', 'all']).default('all'),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  })
  .strict();

export const faqTriggersSchema = z.object({
  triggers: z.array(z.object({ keyword: z.string(), count: z.number().int() })),
});
export type FaqTriggersView = z.infer<typeof faqTriggersSchema>;
