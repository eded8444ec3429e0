import { analyticsApi } from '../../../shared/contract/analytics.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { AnalyticsService } from './service.js';

export function analyticsRoutes(analytics: AnalyticsService, accounts: AccountService) {
  const account = (id: string | undefined) => accounts.resolve(id).id;
  return implement(analyticsApi, {
    summary: ({ query }) => analytics.summary(account(query.account), query.period, query.utcOffsetMinutes),
    faqTriggers: ({ query }) => analytics.faqTriggers(account(query.account), query.period, query.limit, query.utcOffsetMinutes),
    timeline: ({ query }) => analytics.timeline(account(query.account), query.period, query.utcOffsetMinutes),
    topChatters: ({ query }) => analytics.topChatters(account(query.account), query.period, query.limit, query.utcOffsetMinutes),
  });
}
