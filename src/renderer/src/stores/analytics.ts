import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { Analytics, FaqTrigger, LiveEvent, Period, Timeline, TopChatter } from '../api/types.js';
import { plainError } from '../format.js';
import { coalesce } from './coalesce.js';

export interface AnalyticsState {
  period: Period;
  /** One show instead of the period (GET /shows), or null for the whole period. */
  show: string | null;
  data: Analytics | null;
  triggers: FaqTrigger[];
  timeline: Timeline | null;
  chatters: TopChatter[];
  loading: boolean;
  error: string | null;
  /** No argument reloads; a period alone clears the show; `show` restricts every figure to that show's window. */
  load(period?: Period, show?: string | null): Promise<void>;
  onEvent(e: LiveEvent): void;
  dispose(): void;
}

export function createAnalyticsStore(api: ApiClient) {
  const refresh = coalesce(() => void store.getState().load(), 3000);
  const store = createStore<AnalyticsState>()((set, get) => ({
    period: 'week',
    show: null,
    data: null,
    triggers: [],
    timeline: null,
    chatters: [],
    loading: false,
    error: null,
    load: async (periodArg, showArg) => {
      // No argument: reload what is shown; a period alone leaves the show for the whole period.
      const keep = periodArg === undefined && showArg === undefined;
      const period = periodArg ?? get().period;
      const show = keep ? get().show : (showArg ?? null);
      set({ period, show, loading: true, error: null });
      const only = show ?? undefined;
      try {
        const [data, triggers, timeline, chatters] = await Promise.all([
          api.getAnalytics(period, only),
          api.getFaqTriggers(period, 10, only),
          api.getTimeline(period, only),
          api.getTopChatters(period, 10, only),
        ]);
        // A slower answer for a period or show the user already left must not overwrite the newer one.
        if (get().period === period && get().show === show) set({ data, triggers, timeline, chatters });
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
