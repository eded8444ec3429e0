import type { Clock } from '../clock.js';
import type { ChatEventStore } from './store.js';
import type { Period } from './schema.js';

const PERIOD_MS: Record<Exclude<Period, 'all'>, number> = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 };

const pct = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 1000) / 10);

export class AnalyticsService {
  constructor(
    private events: ChatEventStore,
    private clock: Clock,
  ) {}

  private since(period: Period): number {
    return period === 'all' ? 0 : this.clock.now() - PERIOD_MS[period];
  }

  summary(accountId: string, period: Period) {
    const since = this.since(period);
    const byCause = this.events.sentByCause(accountId, since);
    const get = (c: Parameters<typeof byCause.get>[0]) => byCause.get(c) ?? 0;
    const totalMessages = [...byCause.values()].reduce((a, b) => a + b, 0);
    const welcomeMessages = get('welcome');
    const faqReplies = get('faq');
    const timerMessages = get('timer');
    const commandReplies = get('command');
    const apiMessages = get('api');
    const received = this.events.received(accountId, since);
    return {
      totalMessages,
      welcomeMessages,
      faqReplies,
      timerMessages,
      commandReplies,
      apiMessages,
      otherMessages: totalMessages - welcomeMessages - faqReplies - timerMessages - commandReplies - apiMessages,
      messagesReceived: received.n,
      uniqueChatters: received.chatters,
      period,
      since: period === 'all' ? null : new Date(since).toISOString(),
      breakdown: {
        welcome: pct(welcomeMessages, totalMessages),
        faq: pct(faqReplies, totalMessages),
        timer: pct(timerMessages, totalMessages),
      },
    };
  }

  faqTriggers(accountId: string, period: Period, limit: number) {
    return { triggers: this.events.topTriggers(accountId, this.since(period), limit) };
  }
}
