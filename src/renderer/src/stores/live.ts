import { createStore } from 'zustand/vanilla';
import type { StreamState } from '../api/events.js';
import type { LiveEvent } from '../api/types.js';
import type { ActivityView } from '../../../shared/contract/activity.js';

/** The live stream's state and the activity feed shown on the overview. */
export interface ActivityItem {
  id: string;
  type: string;
  at: string;
  text: string;
  tone: 'info' | 'good' | 'warn';
}

export interface LiveState {
  stream: StreamState;
  detail: string | null;
  feed: ActivityItem[];
  setStream(state: StreamState, detail?: string): void;
  onEvent(e: LiveEvent): void;
  /** What happened before the dashboard opened (GET /activity), merged under what arrived live. */
  backfill(view: ActivityView): void;
}

const FEED_MAX = 100;

/** One line of human text per event; null for events too chatty or internal for the feed. */
export function describeEvent(e: LiveEvent): Omit<ActivityItem, 'id' | 'at' | 'type'> | null {
  const d = e.data as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
  switch (e.type) {
    case 'bot.started':
      return { text: 'Bot started', tone: 'good' };
    case 'bot.stopped':
      return { text: 'Bot stopped', tone: 'warn' };
    case 'giveaway.entry':
      return { text: `${s(d.username)} entered the giveaway`, tone: 'info' };
    case 'giveaway.winner':
      return {
        text: `Winner${Array.isArray(d.winners) && d.winners.length > 1 ? 's' : ''}: ${(d.winners as string[] | undefined)?.join(', ') ?? ''}`,
        tone: 'good',
      };
    case 'giveaway.claimed':
      return { text: `${s(d.username)} claimed their win`, tone: 'good' };
    case 'giveaway.cleared':
      return { text: `Giveaway cleared (${s(d.cleared)} entries)`, tone: 'info' };
    case 'message.sent':
      return { text: `Sent (${s(d.cause)}): ${s(d.message)}`, tone: 'info' };
    case 'message.failed':
      return { text: `Send failed: ${s(d.message)} — ${s(d.error)}`, tone: 'warn' };
    case 'message.received':
      return { text: `${s(d.username)}: ${s(d.text ?? d.message)}`, tone: 'info' };
    case 'chat.status':
      return { text: d.connected === false ? 'Chat disconnected' : 'Chat connected', tone: d.connected === false ? 'warn' : 'good' };
    case 'accounts.switched':
      return { text: 'Switched account', tone: 'info' };
    case 'settings.updated':
      // A bot toggle already shows as "Bot started/stopped".
      if (Array.isArray(d.fields) && d.fields.length === 1 && d.fields[0] === 'botActive') return null;
      return { text: `Settings saved (${Array.isArray(d.fields) ? d.fields.join(', ') : ''})`, tone: 'info' };
    case 'webhook.disabled':
      return { text: `Webhook disabled after failures: ${s(d.url ?? d.webhookId)}`, tone: 'warn' };
    default:
      return null;
  }
}

export function createLiveStore() {
  // chat.status is published on every change of the driver's snapshot (LIVE badge, reattach after a reload): the
  // feed tells only when the connection itself changes. Until the history says how it stood, the first status
  // seen is that baseline, not news: opening the dashboard is not "Chat connected".
  let connected: boolean | null = null;
  const item = (e: { id: string; type: string; timestamp: string }, d: Omit<ActivityItem, 'id' | 'at' | 'type'>): ActivityItem => ({
    id: e.id,
    type: e.type,
    at: e.timestamp,
    ...d,
  });
  return createStore<LiveState>()((set) => ({
    stream: 'connecting',
    detail: null,
    feed: [],
    setStream: (stream, detail) => set({ stream, detail: detail ?? null }),
    onEvent: (e) => {
      if (e.type === 'chat.status') {
        const now = (e.data as { connected?: unknown }).connected !== false;
        const first = connected === null;
        if (now === connected) return;
        connected = now;
        if (first) return;
      }
      const d = describeEvent(e);
      if (!d) return;
      set((s) => ({ feed: [item(e, d), ...s.feed].slice(0, FEED_MAX) }));
    },
    backfill: (view) => {
      connected ??= view.chatConnected ?? false;
      set((s) => {
        const seen = new Set(s.feed.map((i) => i.id));
        const older: ActivityItem[] = [];
        for (const e of view.events) {
          if (seen.has(e.id)) continue;
          // The log holds chat.status only where the connection changed: each one is news.
          const d = describeEvent(e as unknown as LiveEvent);
          if (d) older.push(item(e, d));
        }
        const feed = [...s.feed, ...older].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, FEED_MAX);
        return { feed };
      });
    },
  }));
}
