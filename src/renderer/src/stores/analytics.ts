import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { Analytics, FaqTrigger, LiveEvent, Period, Timeline, TopChatter } from '../api/types.js';
import { plainError } from '../format.js';
import { coalesce } from './coalesce.js';

export interface AnalyticsState {
  period: Period;
  data: Analytics | null;
  triggers: FaqTrigger[];
  timeline: Timeline | null;
  chatters: TopChatter[];
  loading: boolean;
  error: string | null;
  load(period?: Period): Promise<void>;
  onEvent(e: LiveEvent): void;
  dispose(): void;
}

export function createAnalyticsStore(api: ApiClient) {
  const refresh = coalesce(() => void store.getState().load(), 3000);
  const store = createStore<AnalyticsState>()((set, get) => ({
    period: 'week',
    data: null,
    triggers: [],
    timeline: null,
    chatters: [],
    loading: false,
    error: null,
    load: async (period = get().period) => {
      set({ period, loading: true, error: null });
      try {
        const [data, triggers, timeline, chatters] = await Promise.all([
          api.getAnalytics(period),
          api.getFaqTriggers(period, 10),
          api.getTimeline(period),
          api.getTopChatters(period, 10),
        ]);
        // A slower answer for a period the user already left must not overwrite the newer one.
        if (get().period === period) set({ data, triggers, timeline, chatters });
      } catch (err) {
        set({ error: plainError(err) });
      } finally {
        set({ loading: false });
      }
    },
    onEvent: (e) => {
      if ((e.type === 'message.sent' || e.type === 'message.received') && store.getState().data) refresh();
    },
    dispose: () => refresh.cancel(),
  }));
  return store;
}
