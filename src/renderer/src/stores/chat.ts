import { createStore } from 'zustand/vanilla';
import { ApiRequestError, type ApiClient } from '../api/client.js';
import { liveLine } from '../api/views.js';
import type { ChatLine, LiveChatLine, LiveEvent, OutgoingMessage } from '../api/types.js';
import { errorText } from './coalesce.js';

export interface ChatState {
  lines: ChatLine[];
  /** false when the chat module's history route is absent; live lines still arrive. */
  historyAvailable: boolean;
  outgoing: OutgoingMessage[];
  sending: boolean;
  sendError: string | null;
  error: string | null;
  load(): Promise<void>;
  send(text: string, delayMs?: number): Promise<boolean>;
  onEvent(e: LiveEvent): void;
}

const LINES_MAX = 300;
const OUTGOING_MAX = 50;

export function queuedCount(outgoing: OutgoingMessage[]): number {
  return outgoing.filter((m) => m.status === 'queued' || m.status === 'sending').length;
}

/** A bot post is stored as `sent` and seen again as the host's echo in chat: show it once. */
const ECHO_WINDOW_MS = 30_000;

function isEchoOf(line: ChatLine, others: ChatLine[]): boolean {
  if (!line.self) return false;
  const at = Date.parse(line.at);
  return others.some((o) => o.self && o.text === line.text && Math.abs(Date.parse(o.at) - at) <= ECHO_WINDOW_MS);
}

function mergeLines(current: ChatLine[], incoming: ChatLine[]): ChatLine[] {
  const seen = new Set(current.map((l) => l.key));
  const next = [...current];
  for (const l of incoming) {
    if (seen.has(l.key) || isEchoOf(l, next.slice(-50))) continue;
    seen.add(l.key);
    next.push(l);
  }
  return next.slice(-LINES_MAX);
}

export function createChatStore(api: ApiClient) {
  return createStore<ChatState>()((set, get) => ({
    lines: [],
    historyAvailable: true,
    outgoing: [],
    sending: false,
    sendError: null,
    error: null,
    load: async () => {
      set({ error: null });
      try {
        const [history, outgoing] = await Promise.all([api.getChatMessages(), api.listMessages(undefined, OUTGOING_MAX)]);
        // The route answers newest first; lines of the same millisecond keep that order reversed.
        const sorted = (history ?? []).slice().reverse().sort((a, b) => a.at.localeCompare(b.at));
        set({ lines: mergeLines(sorted, get().lines), historyAvailable: history !== null, outgoing });
      } catch (err) {
        set({ error: errorText(err) });
      }
    },
    send: async (text, delayMs = 0) => {
      set({ sending: true, sendError: null });
      try {
        const sent = await api.sendMessage(text, delayMs);
        const exists = get().outgoing.some((m) => m.messageId === sent.messageId);
        if (!exists) {
          const view: OutgoingMessage = {
            messageId: sent.messageId,
            accountId: '',
            message: text,
            cause: 'api',
            status: sent.status,
            attempts: 0,
            error: null,
            createdAt: new Date().toISOString(),
            scheduledFor: sent.scheduledFor,
            sentAt: null,
          };
          set((s) => ({ outgoing: [view, ...s.outgoing].slice(0, OUTGOING_MAX) }));
        }
        return true;
      } catch (err) {
        set({ sendError: err instanceof ApiRequestError && err.code === 'BOT_INACTIVE' ? 'Start the bot to send messages.' : errorText(err) });
        return false;
      } finally {
        set({ sending: false });
      }
    },
    onEvent: (e) => {
      if (e.type === 'chat.message') {
        // The driver publishes each parsed line as it is.
        const line = liveLine(e.data as unknown as LiveChatLine);
        set((s) => ({ lines: mergeLines(s.lines, [line]) }));
        return;
      }
      if (e.type !== 'message.queued' && e.type !== 'message.sent' && e.type !== 'message.failed') return;
      const d = e.data;
      const id = d.messageId;
      const status = e.type === 'message.queued' ? 'queued' : e.type === 'message.sent' ? 'sent' : 'failed';
      set((s) => {
        const existing = s.outgoing.find((m) => m.messageId === id);
        const patch: Partial<OutgoingMessage> = {
          status,
          ...(e.type === 'message.sent' ? { sentAt: e.data.sentAt ?? e.timestamp } : {}),
          ...(e.type === 'message.failed' ? { error: e.data.error } : {}),
        };
        if (existing) return { outgoing: s.outgoing.map((m) => (m.messageId === id ? { ...m, ...patch } : m)) };
        const view: OutgoingMessage = {
          messageId: id,
          accountId: e.accountId ?? '',
          message: d.message,
          cause: d.cause,
          status,
          attempts: 0,
          error: null,
          createdAt: e.timestamp,
          scheduledFor: e.type === 'message.queued' ? e.data.scheduledFor : e.timestamp,
          sentAt: null,
          ...patch,
        };
        return { outgoing: [view, ...s.outgoing].slice(0, OUTGOING_MAX) };
      });
    },
  }));
}
