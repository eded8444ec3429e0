import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { Claim, Draw, LiveEvent, OutgoingMessage } from '../api/types.js';
import { coalesce } from './coalesce.js';

/**
 * What needs the seller's attention now, derived from the real API at load and the live stream after: the chat
 * lost, sends failing, the chat page no longer read, a winner who did not claim, moderation hits. Each alert
 * clears itself when its cause is gone; a dismissed one stays away until its cause happens again (a new key).
 */

export type AlertKind = 'chat' | 'sends' | 'selectors' | 'claims' | 'moderation';

export interface AlertAction {
  label: string;
  /** A screen to open (hash route)... */
  href?: string;
  /** ...or a fix run in place. */
  reroll?: { username: string; drawId: string };
}

export interface Alert {
  kind: AlertKind;
  /** Identity of this occurrence: dismissing hides this key only. */
  key: string;
  tone: 'bad' | 'warn';
  title: string;
  detail: string | null;
  actions: AlertAction[];
  /** Lines shown when expanded (moderation hits). */
  items?: string[];
}

/** The chat session facts the alerts read (GET /chat/status or a chat.status event). */
export interface ChatFacts {
  connected: boolean;
  lastError: string | null;
  /** Selector role -> whether it matched on the page. */
  matched: Record<string, boolean>;
  wireLive: boolean;
}

export interface Failure {
  messageId: string;
  message: string;
  error: string;
}

export interface Hit {
  id: number;
  username: string;
  reason: string;
  action: 'hide' | 'log';
  at: number;
}

export interface AlertFacts {
  chat: ChatFacts | null;
  /** Counts each time the chat went from fine to lost: a new loss re-shows a dismissed alert. */
  chatEpisode: number;
  selectorEpisode: number;
  /** Sends that failed since the last one that went out, newest first. */
  failures: Failure[];
  claims: Claim[];
  draws: Draw[];
  hits: Hit[];
}

/** Moderation hits count over this window. */
export const HIT_WINDOW_MS = 10 * 60_000;

export interface AlertsState extends AlertFacts {
  dismissed: Partial<Record<AlertKind, string>>;
  loaded: boolean;
  load(): Promise<void>;
  /** Another account became active: its alerts only. */
  reload(): Promise<void>;
  dismiss(kind: AlertKind): void;
  onEvent(e: LiveEvent): void;
  dispose(): void;
}

/** Lost when not connected with an error the core recorded (a crash, a failed launch); a plain disconnect is not. */
export function chatLost(c: ChatFacts | null): boolean {
  return c !== null && !c.connected && c.lastError !== null;
}

/**
 * The page is connected and was probed (something matched), yet a part the session needs did not: no chat input
 * (BuzzChat cannot post), or no chat list while the data stream is silent (nothing delivers lines).
 */
export function selectorProblem(c: ChatFacts | null): string | null {
  if (!c?.connected || !Object.values(c.matched).some(Boolean)) return null;
  if (c.matched.chatContainer === false && !c.wireLive) return 'BuzzChat is not reading the chat: the chat list was not found on the page.';
  if (c.matched.chatInput === false) return 'BuzzChat cannot post: the chat input was not found on the page.';
  return null;
}

/** Expired claims of the current round whose winner was not rerolled yet. */
export function unclaimed(claims: Claim[], draws: Draw[]): Claim[] {
  const byId = new Map(draws.map((d) => [d.drawId, d]));
  return claims.filter((c) => {
    const d = byId.get(c.drawId);
    return c.status === 'expired' && d !== undefined && !d.rerolled.includes(c.username);
  });
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The alerts the facts call for, most urgent first (dismissed ones included: the strip filters them). Hits older
 * than the window count only without `now` until the store prunes them (it does at their expiry).
 */
export function deriveAlerts(f: AlertFacts, now?: number): Alert[] {
  const out: Alert[] = [];
  if (chatLost(f.chat)) {
    out.push({
      kind: 'chat',
      key: `chat-${f.chatEpisode}`,
      tone: 'bad',
      title: 'Chat disconnected',
      detail: `${f.chat!.lastError} BuzzChat reads and posts nothing until the chat is connected again.`,
      actions: [{ label: 'Reconnect on Overview', href: '#/overview' }],
    });
  }
  const selectors = selectorProblem(f.chat);
  if (selectors) {
    out.push({
      kind: 'selectors',
      key: `selectors-${f.selectorEpisode}`,
      tone: 'bad',
      title: 'Chat page not recognised',
      detail: selectors,
      actions: [{ label: 'Check this page', href: '#/overview' }],
    });
  }
  if (f.failures.length > 0) {
    const last = f.failures[0]!;
    out.push({
      kind: 'sends',
      key: `sends-${last.messageId}`,
      tone: 'bad',
      title: `${plural(f.failures.length, 'message', 'messages')} could not be sent`,
      detail: `Last: “${last.message}” (${last.error})`,
      actions: [{ label: 'See Live chat', href: '#/chat' }],
    });
  }
  const missed = unclaimed(f.claims, f.draws);
  if (missed.length > 0) {
    const names = missed.map((c) => c.username);
    out.push({
      kind: 'claims',
      key: `claims-${missed.map((c) => `${c.drawId}:${c.username}`).join(',')}`,
      tone: 'warn',
      title: `${names.join(', ')} did not claim in time`,
      detail: 'No message in chat within the claim window: reroll to pick someone else.',
      actions: [
        ...missed.slice(0, 3).map((c) => ({ label: `Reroll ${c.username}`, reroll: { username: c.username, drawId: c.drawId } })),
        { label: 'Open Giveaway', href: '#/giveaway' },
      ],
    });
  }
  const hits = now === undefined ? f.hits : f.hits.filter((h) => now - h.at < HIT_WINDOW_MS);
  if (hits.length > 0) {
    out.push({
      kind: 'moderation',
      key: `moderation-${hits[0]!.id}`,
      tone: 'warn',
      title: `${plural(hits.length, 'moderation hit', 'moderation hits')} in the last ${HIT_WINDOW_MS / 60_000} minutes`,
      detail: null,
      actions: [{ label: 'Moderation settings', href: '#/settings' }],
      items: hits.map((h) => `${h.username}: ${h.reason}${h.action === 'hide' ? ' (hidden)' : ''}`),
    });
  }
  return out;
}

/** Reads a chat status (the wire shape of GET /chat/status and chat.status), tolerating a partial one. */
export function chatFacts(raw: unknown): ChatFacts | null {
  if (!raw || typeof raw !== 'object') return null;
  const s = raw as Record<string, unknown>;
  const health = (s.selectorHealth ?? {}) as Record<string, { matched?: unknown }>;
  const paths = s.paths as { wire?: { live?: unknown } } | undefined;
  return {
    connected: s.connected === true,
    lastError: typeof s.lastError === 'string' ? s.lastError : null,
    matched: Object.fromEntries(Object.entries(health).map(([role, h]) => [role, h?.matched != null])),
    wireLive: paths?.wire?.live === true,
  };
}

/** Failed sends newer than the newest one that went out (the list comes newest first). */
export function failuresOf(messages: OutgoingMessage[]): Failure[] {
  const out: Failure[] = [];
  for (const m of messages) {
    if (m.status === 'sent') break;
    if (m.status === 'failed') out.push({ messageId: m.messageId, message: m.message, error: m.error ?? 'failed' });
  }
  return out;
}

export type AlertsApi = Pick<ApiClient, 'getClaims' | 'getDraws' | 'listMessages'> & { api: Pick<ApiClient['api'], 'chat'> };

const EMPTY: AlertFacts = { chat: null, chatEpisode: 0, selectorEpisode: 0, failures: [], claims: [], draws: [], hits: [] };

export function createAlertsStore(api: AlertsApi, clock: () => number = Date.now) {
  let hitSeq = 0;
  let claimTimer: ReturnType<typeof setTimeout> | null = null;
  let hitTimer: ReturnType<typeof setTimeout> | null = null;

  /** New chat facts: a fresh loss (or selector problem) starts a new episode. */
  const setChat = (chat: ChatFacts | null) =>
    store.setState((s) => ({
      chat,
      chatEpisode: s.chatEpisode + (chatLost(chat) && !chatLost(s.chat) ? 1 : 0),
      selectorEpisode: s.selectorEpisode + (selectorProblem(chat) && !selectorProblem(s.chat) ? 1 : 0),
    }));

  // A pending claim turns into a no-show at its deadline without any event: refetch then.
  const loadClaims = async () => {
    const [claims, draws] = await Promise.all([api.getClaims().catch(() => null), api.getDraws().catch(() => null)]);
    const list = claims?.claims ?? [];
    store.setState({ claims: list, draws: draws ?? store.getState().draws });
    if (claimTimer) clearTimeout(claimTimer);
    claimTimer = null;
    const next = Math.min(...list.filter((c) => c.status === 'pending').map((c) => Date.parse(c.deadline)));
    if (Number.isFinite(next)) claimTimer = setTimeout(() => void loadClaims(), Math.max(0, next - clock()) + 250);
  };
  const refreshClaims = coalesce(() => void loadClaims(), 200);

  /** Drops hits older than the window, and comes back when the oldest left expires. */
  const pruneHits = () => {
    const now = clock();
    store.setState((s) => ({ hits: s.hits.filter((h) => now - h.at < HIT_WINDOW_MS) }));
    if (hitTimer) clearTimeout(hitTimer);
    hitTimer = null;
    const oldest = store.getState().hits.at(-1);
    if (oldest) hitTimer = setTimeout(pruneHits, oldest.at + HIT_WINDOW_MS - now + 50);
  };

  const store = createStore<AlertsState>()((set, get) => ({
    ...EMPTY,
    dismissed: {},
    loaded: false,
    load: async () => {
      const [status, messages] = await Promise.all([api.api.chat.status().catch(() => null), api.listMessages(undefined, 20).catch(() => null)]);
      setChat(chatFacts(status));
      if (messages) set({ failures: failuresOf(messages) });
      await loadClaims();
      set({ loaded: true });
    },
    dismiss: (kind) => {
      const alert = deriveAlerts(get(), clock()).find((a) => a.kind === kind);
      if (alert) set((s) => ({ dismissed: { ...s.dismissed, [kind]: alert.key } }));
    },
    onEvent: (e) => {
      if (e.type === 'chat.status') setChat(chatFacts(e.data));
      else if (e.type === 'message.failed') {
        const d = e.data;
        set((s) => ({
          failures: [{ messageId: d.messageId, message: d.message, error: d.error }, ...s.failures.filter((f) => f.messageId !== d.messageId)],
        }));
      } else if (e.type === 'message.sent') set((s) => (s.failures.length ? { failures: [] } : s));
      else if (e.type === 'giveaway.winner' || e.type === 'giveaway.claimed' || e.type === 'giveaway.cleared') refreshClaims();
      else if (e.type === 'moderation.hit') {
        const d = e.data;
        set((s) => ({ hits: [{ id: ++hitSeq, username: d.username, reason: d.reason, action: d.action, at: clock() }, ...s.hits].slice(0, 200) }));
        pruneHits();
      }
    },
    reload: async () => {
      set({ ...EMPTY, dismissed: {}, loaded: false });
      await get().load();
    },
    dispose: () => {
      refreshClaims.cancel();
      if (claimTimer) clearTimeout(claimTimer);
      if (hitTimer) clearTimeout(hitTimer);
      claimTimer = hitTimer = null;
    },
  }));
  return store;
}
