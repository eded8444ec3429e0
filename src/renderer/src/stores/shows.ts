import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { Analytics, LiveEvent, Show, StoredStreamEvent } from '../api/types.js';
import { plainError } from '../format.js';
import { coalesce } from './coalesce.js';

/** The newest stream events kept for the show card (tips, raids, sales, the platform's giveaways). */
export const SHOW_EVENTS_MAX = 8;

export interface ShowsState {
  loaded: boolean;
  /** Tonight's show while it runs (GET /shows/current), null when none runs. */
  current: Show | null;
  /** The current show's chat figures (GET /analytics?show=<id>). */
  figures: Analytics | null;
  /** What the platform's data stream reported during the current show, newest first. */
  events: StoredStreamEvent[];
  /** Viewers watching now, as the platform last reported (not stored by the server). */
  viewers: number | null;
  /** Recent shows, newest first, the running one included (GET /shows). */
  recent: Show[];
  error: string | null;
  load(): Promise<void>;
  onEvent(e: LiveEvent): void;
  dispose(): void;
}

/** The last show that ended, for the card when none runs. */
export function lastEnded(recent: Show[]): Show | null {
  return recent.find((s) => s.endedAt !== null) ?? null;
}

const STREAM_TYPES = ['stream.tip', 'stream.raid', 'stream.product', 'stream.giveaway'] as const;
/** Events that change a running show's figures: a burst of them becomes one refetch. */
const FIGURE_TYPES = new Set<string>(['message.sent', 'message.received', 'chat.message', 'giveaway.entry', 'giveaway.winner', ...STREAM_TYPES]);

/** A stream.* event as the stored row GET /shows/:id/events answers, so live and loaded rows look the same. */
export function storedFromLive(e: LiveEvent, seq: number): StoredStreamEvent | null {
  if (!(STREAM_TYPES as readonly string[]).includes(e.type)) return null;
  const { accountId: _a, showId, platform: _p, at, ...event } = e.data as Record<string, unknown> & { showId: string | null; at: string };
  return { id: -seq, showId, at, event: { ...event, type: e.type.slice('stream.'.length) } as StoredStreamEvent['event'] };
}

export function createShowsStore(api: ApiClient) {
  let seq = 0;
  // Figures of the running show only; a busy chat refetches them at most every 1.5 s.
  const refreshCurrent = coalesce(() => void loadCurrent(false), 1500);

  async function loadCurrent(withEvents: boolean): Promise<void> {
    try {
      const current = await api.currentShow();
      const figures = current ? await api.getAnalytics('all', current.id) : null;
      const known = store.getState().current?.id;
      const events = current && (withEvents || known !== current.id) ? (await api.showEvents(current.id)).reverse() : null;
      store.setState((s) => ({
        current,
        figures,
        events: current ? (events ?? s.events).slice(0, SHOW_EVENTS_MAX) : [],
        viewers: current ? s.viewers : null,
        error: null,
      }));
    } catch (err) {
      store.setState({ error: plainError(err) });
    }
  }

  async function loadRecent(): Promise<void> {
    try {
      store.setState({ recent: await api.listShows(20) });
    } catch (err) {
      store.setState({ error: plainError(err) });
    }
  }

  const store = createStore<ShowsState>()((set, get) => ({
    loaded: false,
    current: null,
    figures: null,
    events: [],
    viewers: null,
    recent: [],
    error: null,
    load: async () => {
      await Promise.all([loadCurrent(true), loadRecent()]);
      set({ loaded: true });
    },
    onEvent: (e) => {
      if (e.type === 'show.started') {
        set({ events: [], viewers: null });
        void get().load();
        return;
      }
      if (e.type === 'show.ended') {
        refreshCurrent.cancel();
        if (get().current?.id === e.data.showId) set({ current: null, figures: null, events: [], viewers: null });
        void loadRecent();
        return;
      }
      if (e.type === 'stream.viewers') {
        const cur = get().current;
        // The server keeps the peak the same way; shown at once instead of at the next refetch.
        const peak = cur ? Math.max(cur.stats.peakViewers ?? 0, e.data.count) : null;
        set({ viewers: e.data.count, current: cur && peak !== null ? { ...cur, stats: { ...cur.stats, peakViewers: peak } } : cur });
        return;
      }
      const row = storedFromLive(e, ++seq);
      const cur = get().current;
      if (row && cur && row.showId === cur.id) set((s) => ({ events: [row, ...s.events].slice(0, SHOW_EVENTS_MAX) }));
      if (cur && FIGURE_TYPES.has(e.type)) refreshCurrent();
    },
    dispose: () => refreshCurrent.cancel(),
  }));
  return store;
}
