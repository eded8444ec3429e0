import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import { HOST_FALLBACK_NAME, liveLine } from '../api/views.js';
import type { ChatLine, ChatStatusEvent, LiveChatLine, LiveEvent, OutgoingMessage } from '../api/types.js';
import { applyEcho, appendLines, pendingLine, setStatus, withHistory, type Log, type LogLine } from './chat-lines.js';
import { errorText } from './coalesce.js';

export interface ChatSearch {
  q: string;
  results: ChatLine[];
  loading: boolean;
  error: string | null;
  /** No older matches to load. */
  done: boolean;
}

export interface ChatState {
  lines: LogLine[];
  /** Arrival number of the next line (the "new messages" pill counts from it). */
  seq: number;
  /** false when the chat module's history route is absent; live lines still arrive. */
  historyAvailable: boolean;
  outgoing: OutgoingMessage[];
  /** The name the host posts under (chat status), for their lines before the echo names them. */
  hostName: string | null;
  /** Filter: the bot's lines left out of the log. */
  hideBot: boolean;
  sending: boolean;
  sendError: string | null;
  error: string | null;
  /** The outcome of a line action (a moderator command queued, or why not). */
  notice: { tone: 'good' | 'bad'; text: string } | null;
  search: ChatSearch | null;
  load(): Promise<void>;
  /** The host's own message (POST /chat/send): works with the bot off. */
  send(text: string): Promise<boolean>;
  moderate(action: 'hide' | 'timeout', username: string): Promise<boolean>;
  setHideBot(hide: boolean): void;
  runSearch(q: string): Promise<void>;
  searchMore(): Promise<void>;
  clearSearch(): void;
  dismissNotice(): void;
  onEvent(e: LiveEvent): void;
  dispose(): void;
}

const OUTGOING_MAX = 50;
const HISTORY_LOADED = 200;
const SEARCH_PAGE = 50;
const HIDE_BOT_KEY = 'buzzchat.chat.hideBot';

export function queuedCount(outgoing: OutgoingMessage[]): number {
  return outgoing.filter((m) => m.status === 'queued' || m.status === 'sending').length;
}

/** Runs `fn` before the next paint: every event of a frame lands in one store update (one render). */
function nextFrame(fn: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(fn, 16);
  return () => clearTimeout(id);
}

function storedHideBot(): boolean {
  try {
    return globalThis.localStorage?.getItem(HIDE_BOT_KEY) === '1';
  } catch {
    return false;
  }
}

export interface ChatStoreOptions {
  /** How event batches are scheduled; tests pass a synchronous one. */
  schedule?: (fn: () => void) => () => void;
}

export function createChatStore(api: ApiClient, options: ChatStoreOptions = {}) {
  const schedule = options.schedule ?? nextFrame;
  /** Queued messages whose echo was seen (each echo confirms one). */
  let echoed = new Set<string>();
  let pending: LiveEvent[] = [];
  let scheduled = false;
  let cancelFlush: (() => void) | null = null;
  let searchSeq = 0;

  const log = (): Log => ({ lines: store.getState().lines, seq: store.getState().seq });
  const hostName = () => store.getState().hostName ?? HOST_FALLBACK_NAME;

  /** A message the queue took: into the outgoing list, and the host's own shown at once in the log. */
  function queued(s: ChatState, m: OutgoingMessage): Partial<ChatState> {
    if (s.outgoing.some((o) => o.messageId === m.messageId)) return {};
    const outgoing = [m, ...s.outgoing].slice(0, OUTGOING_MAX);
    if (m.cause !== 'manual') return { outgoing };
    return { outgoing, ...appendLines({ lines: s.lines, seq: s.seq }, [pendingLine(m, hostName())]) };
  }

  /** Applies a frame's events in the order they came. */
  function flush(): void {
    scheduled = false;
    cancelFlush = null;
    const events = pending;
    pending = [];
    store.setState((s) => {
      let next: ChatState = s;
      for (const e of events) next = { ...next, ...reduce(next, e) };
      return next;
    });
    if (echoed.size > 2000) echoed = new Set([...echoed].slice(-500));
  }

  function reduce(s: ChatState, e: LiveEvent): Partial<ChatState> {
    const current = { lines: s.lines, seq: s.seq };
    if (e.type === 'chat.message') return applyEcho(current, liveLine(e.data as unknown as LiveChatLine), s.outgoing, echoed);
    if (e.type === 'chat.status') return { hostName: (e.data as unknown as ChatStatusEvent).loggedInAs ?? s.hostName };
    if (e.type === 'message.queued') {
      const d = e.data;
      return queued(s, {
        messageId: d.messageId,
        accountId: e.accountId ?? '',
        message: d.message,
        cause: d.cause,
        status: 'queued',
        attempts: 0,
        error: null,
        createdAt: e.timestamp,
        scheduledFor: d.scheduledFor,
        sentAt: null,
      });
    }
    if (e.type !== 'message.sent' && e.type !== 'message.failed') return {};
    const id = e.data.messageId;
    const status = e.type === 'message.sent' ? 'sent' : 'failed';
    const error = e.type === 'message.failed' ? e.data.error : null;
    const patch: Partial<OutgoingMessage> = { status, error, ...(e.type === 'message.sent' ? { sentAt: e.data.sentAt ?? e.timestamp } : {}) };
    return { outgoing: s.outgoing.map((m) => (m.messageId === id ? { ...m, ...patch } : m)), ...setStatus(current, id, status, error) };
  }

  const store = createStore<ChatState>()((set, get) => ({
    lines: [],
    seq: 0,
    historyAvailable: true,
    outgoing: [],
    hostName: null,
    hideBot: storedHideBot(),
    sending: false,
    sendError: null,
    error: null,
    notice: null,
    search: null,
    load: async () => {
      set({ error: null });
      try {
        const [history, outgoing, status] = await Promise.all([
          api.getChatMessages({ limit: HISTORY_LOADED }),
          api.listMessages(undefined, OUTGOING_MAX),
          api.getChatStatus().catch(() => null),
        ]);
        const host = status?.loggedInAs ?? get().hostName;
        // The host's sends still on their way are not in the history yet: shown where they were sent.
        const inFlight = outgoing
          .filter((m) => m.cause === 'manual' && m.status !== 'sent')
          .map((m) => ({ ...pendingLine(m, host ?? HOST_FALLBACK_NAME), status: m.status, error: m.error }));
        const older = [...(history ?? []).slice().reverse(), ...inFlight].sort((a, b) => a.at.localeCompare(b.at));
        // Echoes of what is already sent must not confirm (or re-add) anything.
        for (const m of outgoing) if (m.status === 'sent') echoed.add(m.messageId);
        set({ ...withHistory(log(), older), historyAvailable: history !== null, outgoing, hostName: host });
      } catch (err) {
        set({ error: errorText(err) });
      }
    },
    send: async (text) => {
      set({ sending: true, sendError: null });
      try {
        const r = await api.sendChat(text);
        // The message.queued event may have shown it already.
        const now = new Date().toISOString();
        set((s) =>
          queued(s, {
            messageId: r.messageId,
            accountId: '',
            message: text,
            cause: 'manual',
            status: r.status,
            attempts: 0,
            error: null,
            createdAt: now,
            scheduledFor: r.scheduledFor,
            sentAt: null,
          }),
        );
        return true;
      } catch (err) {
        set({ sendError: errorText(err) });
        return false;
      } finally {
        set({ sending: false });
      }
    },
    moderate: async (action, username) => {
      set({ notice: null });
      try {
        const r = await api.moderateChat(action, username);
        set({ notice: { tone: 'good', text: `Sent ${r.command} to chat` } });
        return true;
      } catch (err) {
        set({ notice: { tone: 'bad', text: errorText(err) } });
        return false;
      }
    },
    setHideBot: (hideBot) => {
      set({ hideBot });
      try {
        globalThis.localStorage?.setItem(HIDE_BOT_KEY, hideBot ? '1' : '0');
      } catch {
        // storage refused (private mode): the filter still applies to this window
      }
    },
    runSearch: async (q) => {
      const mine = ++searchSeq;
      set({ search: { q, results: [], loading: true, error: null, done: false } });
      try {
        const results = (await api.getChatMessages({ q, limit: SEARCH_PAGE })) ?? [];
        if (mine === searchSeq) set({ search: { q, results, loading: false, error: null, done: results.length < SEARCH_PAGE } });
      } catch (err) {
        if (mine === searchSeq) set({ search: { q, results: [], loading: false, error: errorText(err), done: true } });
      }
    },
    searchMore: async () => {
      const s = get().search;
      const last = s?.results.at(-1)?.id;
      if (!s || s.loading || s.done || last == null) return;
      const mine = ++searchSeq;
      set({ search: { ...s, loading: true } });
      try {
        const older = (await api.getChatMessages({ q: s.q, before: last, limit: SEARCH_PAGE })) ?? [];
        if (mine === searchSeq) set({ search: { ...s, results: [...s.results, ...older], loading: false, done: older.length < SEARCH_PAGE } });
      } catch (err) {
        if (mine === searchSeq) set({ search: { ...s, loading: false, error: errorText(err) } });
      }
    },
    clearSearch: () => {
      searchSeq++;
      set({ search: null });
    },
    dismissNotice: () => set({ notice: null }),
    onEvent: (e) => {
      if (e.type !== 'chat.message' && e.type !== 'chat.status' && !e.type.startsWith('message.')) return;
      pending.push(e);
      if (scheduled) return;
      scheduled = true;
      cancelFlush = schedule(flush);
    },
    dispose: () => {
      cancelFlush?.();
      cancelFlush = null;
      scheduled = false;
      pending = [];
    },
  }));
  return store;
}
