import { z } from 'zod';
import { analyticsApi } from '../../../../shared/contract/analytics.js';
import { webhooksApi } from '../../../../shared/contract/webhooks.js';
import { accountArg, guarded, ok, plural, responseOf } from '../results.js';
import type { ToolContext } from '../context.js';

const periodArg = z.enum(['day', 'week', 'month', 'all']).optional().describe('Time period: day, week, month or all (default week)');

/** Analytics and the webhooks a streamer has registered: read-only views. */
export function registerInsightTools({ server, api, logger }: ToolContext): void {
  server.registerTool(
    'buzzchat_get_analytics',
    {
      title: 'Get chat analytics',
      description:
        'What the bot did in a period: messages sent by kind (welcome, FAQ, timer, commands, API), chat lines received, ' +
        'unique chatters, and the top FAQ trigger keywords of the same period.',
      inputSchema: z
        .object({
          period: periodArg,
          account: accountArg,
          topTriggers: z.number().int().min(1).max(100).optional().describe('How many top FAQ triggers to include (default 10)'),
        })
        .strict(),
      outputSchema: responseOf(analyticsApi.summary).extend({
        faqTriggers: responseOf(analyticsApi.faqTriggers).shape.triggers.describe('Top FAQ trigger keywords of the period'),
      }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_get_analytics', async ({ period, account, topTriggers }) => {
      const [a, t] = await Promise.all([api.analytics(period, account), api.faqTriggers(period ?? 'week', topTriggers ?? 10, account)]);
      const top = t.triggers.length ? ` Top FAQ triggers: ${t.triggers.map((x) => `${x.keyword} (${x.count})`).join(', ')}.` : '';
      const summary =
        `${a.period}: ${a.totalMessages} bot messages (${a.welcomeMessages} welcome, ${a.faqReplies} FAQ, ${a.timerMessages} timer), ` +
        `${a.messagesReceived} chat lines from ${a.uniqueChatters} chatters.${top}`;
      return ok(summary, { ...a, faqTriggers: t.triggers });
    }),
  );

  server.registerTool(
    'buzzchat_get_top_chatters',
    {
      title: 'Get top chatters',
      description: 'The viewers who wrote the most in chat in a period, with their message counts: for shout-outs and loyalty rewards.',
      inputSchema: z
        .object({
          period: periodArg,
          limit: z.number().int().min(1).max(100).optional().describe('How many chatters (default 10)'),
          account: accountArg,
        })
        .strict(),
      outputSchema: responseOf(analyticsApi.topChatters),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_get_top_chatters', async ({ period, limit, account }) => {
      const data = await api.topChatters(period, limit, account);
      const list = data.chatters.map((c) => `${c.username} (${c.messages})`).join(', ');
      return ok(data.chatters.length ? `Top chatters (${period ?? 'week'}): ${list}.` : 'Nobody has chatted in this period.', data);
    }),
  );

  server.registerTool(
    'buzzchat_list_webhooks',
    {
      title: 'List webhooks',
      description: 'Webhooks registered to receive BuzzChat events (giveaway entries and winners, messages, bot start/stop), with their state.',
      inputSchema: z.object({}).strict(),
      outputSchema: responseOf(webhooksApi.list),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_list_webhooks', async () => {
      const data = await api.webhooks();
      const hooks = data.webhooks;
      const lines = hooks.map(
        (h) =>
          `${h.id} ${h.url} [${h.events.join(', ')}]${h.active === false ? ` (inactive${h.heldEvents ? `, ${h.heldEvents} events held until re-enabled` : ''})` : ''}`,
      );
      return ok(hooks.length ? `${plural(hooks.length, 'webhook')}:\n${lines.join('\n')}` : 'No webhooks registered.', data);
    }),
  );
}
