import { analyticsApi } from '../../../shared/contract/analytics.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { AnalyticsService } from './service.js';

export function analyticsRoutes(analytics: AnalyticsService, accounts: AccountService) {
  const account = (id: string | undefined) => accounts.resolve(id).id;
  /** `?show=`: that show's window (and account) instead of the period; `account`, when given, must be the show's. */
  const scope = (q: { account?: string; show?: string }) => {
    if (q.show === undefined) return { accountId: account(q.account), show: undefined };
    const show = analytics.showWindow(q.show, q.account === undefined ? undefined : account(q.account));
    return { accountId: show.accountId, show };
  };
  return implement(analyticsApi, {
    summary: ({ query }) => {
      const s = scope(query);
      return analytics.summary(s.accountId, query.period, query.utcOffsetMinutes, s.show);
    },
    faqTriggers: ({ query }) => {
      const s = scope(query);
      return analytics.faqTriggers(s.accountId, query.period, query.limit, query.utcOffsetMinutes, s.show);
    },
    timeline: ({ query }) => {
      const s = scope(query);
      return analytics.timeline(s.accountId, query.period, query.utcOffsetMinutes, s.show);
    },
    topChatters: ({ query }) => {
      const s = scope(query);
      return analytics.topChatters(s.accountId, query.period, query.limit, query.utcOffsetMinutes, s.show);
    },
  });
}
