import { route } from '../api/route.js';
import type { AppServices } from '../services.js';
import { analyticsQuery, analyticsSchema, faqTriggersQuery, faqTriggersSchema } from './schema.js';

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
  ];
}
