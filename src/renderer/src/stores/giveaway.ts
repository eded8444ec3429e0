import { usernameKey } from '../../../shared/usernames.js';
import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { Claim, Draw, DrawResult, GiveawayEntry, LiveEvent } from '../api/types.js';
import type { GiveawayStatusView, OpenGiveawayInput } from '../../../shared/contract/giveaway.js';
import { plainError } from '../format.js';
import { coalesce } from './coalesce.js';

export interface GiveawayState {
  entries: GiveawayEntry[];
  count: number;
  uniqueUsers: number;
  roundId: number | null;
  draws: Draw[];
  lastDraw: DrawResult | null;
  /** Claim state of recent winners (empty when no claim window is set). */
  claims: Claim[];
  /** Whether entries are open and until when (GET /giveaway/status). */
  status: GiveawayStatusView | null;
  /**
   * The draw (or reroll) to reveal: the winners the API returned, shown by the screen's short animation. The
   * animation only ever shows these names.
   */
  reveal: (DrawResult & { key: number }) | null;
  /** The reveal's drumroll is on: the winners are not on screen yet (elsewhere either). */
  revealing: boolean;
  busy: 'draw' | 'reroll' | 'clear' | 'add' | 'open' | 'close' | 'keyword' | null;
  error: string | null;
  load(): Promise<void>;
  loadStatus(): Promise<void>;
  /** Opens entries now, for durationSeconds when given, with a new keyword and from no entries when asked. */
  open(input: Partial<OpenGiveawayInput>): Promise<void>;
  close(): Promise<void>;
  /** Saves a new keyword without opening or closing anything. */
  saveKeyword(keyword: string): Promise<boolean>;
  dismissReveal(): void;
  /** The reveal shows the names now. */
  revealed(): void;
  draw(count: number): Promise<void>;
  reroll(username: string, drawId: string): Promise<void>;
  clear(): Promise<void>;
  addEntry(username: string): Promise<boolean>;
  onEvent(e: LiveEvent): void;
  dispose(): void;
}

/** Entries kept in memory for the live list; the count always comes from the server. */
const ENTRIES_SHOWN = 5000;

export function createGiveawayStore(api: ApiClient) {
  const refreshDraws = coalesce(() => {
    api.getDraws().then(
      (draws) => store.setState({ draws }),
      () => {},
    );
  }, 300);
  // A pending claim turns into a no-show at its deadline without any event: refetch then.
  let claimTimer: ReturnType<typeof setTimeout> | null = null;
  const loadClaims = async () => {
    const r = await api.getClaims().catch(() => null);
    const claims = r?.claims ?? [];
    store.setState({ claims });
    if (claimTimer) clearTimeout(claimTimer);
    claimTimer = null;
    const next = Math.min(...claims.filter((c) => c.status === 'pending').map((c) => Date.parse(c.deadline)));
    if (Number.isFinite(next)) claimTimer = setTimeout(() => void loadClaims(), Math.max(0, next - Date.now()) + 250);
  };
  const refreshClaims = coalesce(() => void loadClaims(), 200);
  const refreshStatus = coalesce(() => void store.getState().loadStatus(), 150);
  let reveals = 0;
  // Users already in the list, so live entries update the unique count without a refetch.
  let users = new Set<string>();

  const run = async (busy: GiveawayState['busy'], fn: () => Promise<void>) => {
    store.setState({ busy, error: null });
    try {
      await fn();
    } catch (err) {
      store.setState({ error: plainError(err) });
    } finally {
      store.setState({ busy: null });
    }
  };

  const store = createStore<GiveawayState>()((set, get) => ({
    entries: [],
    count: 0,
    uniqueUsers: 0,
    roundId: null,
    draws: [],
    lastDraw: null,
    claims: [],
    status: null,
    reveal: null,
    revealing: false,
    busy: null,
    error: null,
    loadStatus: async () => {
      const status = await api.api.giveaway.status().catch(() => null);
      if (status) set({ status });
    },
    open: (input) =>
      run('open', async () => {
        set({ status: await api.api.giveaway.open({ body: input }) });
        if (input.newRound) await get().load();
      }),
    close: () =>
      run('close', async () => {
        set({ status: await api.api.giveaway.close() });
      }),
    saveKeyword: async (keyword) => {
      let ok = false;
      await run('keyword', async () => {
        await api.patchSettings({ giveaway: { keyword } });
        await get().loadStatus();
        ok = true;
      });
      return ok;
    },
    dismissReveal: () => set({ reveal: null, revealing: false }),
    revealed: () => set({ revealing: false }),
    load: async () => {
      void loadClaims();
      void get().loadStatus();
      try {
        const [first, draws] = await Promise.all([api.getEntries(ENTRIES_SHOWN), api.getDraws()]);
        let e = first;
        // The list shows the newest entries; a big round is fetched again from its tail.
        if (e.count > e.entries.length) e = await api.getEntries(ENTRIES_SHOWN, e.count - ENTRIES_SHOWN);
        users = new Set(e.entries.map((x) => usernameKey(x.username)));
        // uniqueUsers comes from the server; `users` only tells whether a live entrant is new among those shown.
        set({ entries: e.entries, count: e.count, uniqueUsers: e.uniqueUsers, roundId: e.roundId, draws, error: null });
        // After a reload the latest draw (a reroll too) is still the one on show.
        if (!get().lastDraw && draws.length) set({ lastDraw: drawResultOf(draws[draws.length - 1]!) });
      } catch (err) {
        set({ error: plainError(err) });
      }
    },
    draw: (count) =>
      run('draw', async () => {
        const r = await api.pickWinners(count);
        set({ lastDraw: r, reveal: { ...r, key: ++reveals }, revealing: true });
        set({ draws: await api.getDraws() });
      }),
    reroll: (username, drawId) =>
      run('reroll', async () => {
        const r = await api.reroll(username, drawId);
        set({ lastDraw: r, reveal: { ...r, key: ++reveals }, revealing: true });
        set({ draws: await api.getDraws() });
      }),
    clear: () =>
      run('clear', async () => {
        await api.clearEntries();
        users = new Set();
        set({ entries: [], count: 0, uniqueUsers: 0, lastDraw: null });
        await get().load();
      }),
    addEntry: async (username) => {
      let ok = false;
      await run('add', async () => {
        const r = await api.addEntry(username);
        if (!r.accepted) throw new Error(`${username} already has the maximum number of entries`);
        ok = true;
      });
      return ok;
    },
    onEvent: (e) => {
      const d = e.data as Record<string, unknown>;
      if (e.type === 'giveaway.entry') {
        const entry: GiveawayEntry = { username: String(d.username ?? '?'), timestamp: String(d.entryTime ?? e.timestamp), source: 'live' };
        const key = usernameKey(entry.username);
        const isNew = !users.has(key);
        users.add(key);
        set((s) => ({
          entries: s.entries.length < ENTRIES_SHOWN ? [...s.entries, entry] : s.entries,
          count: s.count + 1,
          uniqueUsers: s.uniqueUsers + (isNew ? 1 : 0),
        }));
      } else if (e.type === 'giveaway.cleared') {
        users = new Set();
        set({
          entries: [],
          count: 0,
          uniqueUsers: 0,
          roundId: typeof d.roundId === 'number' ? d.roundId : null,
          draws: [],
          lastDraw: null,
          claims: [],
          reveal: null,
          revealing: false,
        });
      } else if (e.type === 'giveaway.winner') {
        refreshDraws();
        refreshClaims();
      } else if (e.type === 'giveaway.claimed') refreshClaims();
      else if (e.type === 'giveaway.opened' || e.type === 'giveaway.closing' || e.type === 'giveaway.closed') refreshStatus();
      else if (e.type === 'settings.updated' && (d.fields as string[] | undefined)?.includes('giveaway')) refreshStatus();
    },
    dispose: () => {
      refreshStatus.cancel();
      refreshDraws.cancel();
      refreshClaims.cancel();
      if (claimTimer) clearTimeout(claimTimer);
    },
  }));
  return store;
}

function drawResultOf(d: Draw): DrawResult {
  return {
    drawId: d.drawId,
    winners: d.winners,
    timestamp: d.timestamp,
    entriesCount: d.entriesCount,
    ...(d.replaced ? { replaced: d.replaced } : {}),
  };
}
