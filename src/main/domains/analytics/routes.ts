import { route } from '../../http/route.js';
import type { AppServices } from '../../app/services.js';
import { analyticsQuery, analyticsSchema, faqTriggersQuery, faqTriggersSchema, timelineQuery, timelineSchema, topChattersQuery, topChattersSchema } from './schema.js';

export function analyticsRoutes(s: AppServices) {
  return [
    route({
      method: 'get',
      path: '/analytics',
      tag: 'Analytics',
      summary: 'Session analytics: messages the bot sent by cause, with percentages',
      scope: 'analytics:read',
      query: analyticsQuery,
      response: analyticsSchema,
      handler: ({ query }) => s.analytics.summary(s.accounts.resolve(query.account).id, query.period),
    }),
    route({
      method: 'get',
      path: '/analytics/faq-triggers',
      tag: 'Analytics',
      summary: 'Top FAQ trigger keywords with counts',
      scope: 'analytics:read',
      query: faqTriggersQuery,
      response: faqTriggersSchema,
      handler: ({ query }) => s.analytics.faqTriggers(s.accounts.resolve(query.account).id, query.period, query.limit),
    }),
    route({
      method: 'get',
      path: '/analytics/timeline',
      tag: 'Analytics',
      summary: 'Chat activity over the period: lines received and sent per hour, 6 hours or day',
      scope: 'analytics:read',
      query: timelineQuery,
      response: timelineSchema,
      handler: ({ query }) => s.analytics.timeline(s.accounts.resolve(query.account).id, query.period, query.utcOffsetMinutes),
    }),
    route({
      method: 'get',
      path: '/analytics/top-chatters',
      tag: 'Analytics',
      summary: 'Viewers who wrote the most in the period',
      scope: 'analytics:read',
      query: topChattersQuery,
      response: topChattersSchema,
      handler: ({ query }) => s.analytics.topChatters(s.accounts.resolve(query.account).id, query.period, query.limit),
    }),
  ];
}
