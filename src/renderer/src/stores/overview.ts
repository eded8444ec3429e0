import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import { chatStatus } from '../api/views.js';
import type { Analytics, ChatStatus, ChatStatusEvent, LiveEvent } from '../api/types.js';
import type { ActivityView } from '../../../shared/contract/activity.js';
import { plainError } from '../format.js';
import { coalesce } from './coalesce.js';

export interface OverviewState {
  loaded: boolean;
  botActive: boolean | null;
  toggling: boolean;
  /** null with chatAvailable=false: the chat module is not part of this build (404). */
  chat: ChatStatus | null;
  chatAvailable: boolean;
  /** Since midnight here (period=today), not the last 24 hours. */
  today: Analytics | null;
  /** The feed's history, for the live store to merge (null until loaded, or without the activity domain). */
  activity: ActivityView | null;
  error: string | null;
  load(): Promise<void>;
  toggleBot(): Promise<void>;
  chatBusy: boolean;
  /** Connect (to `url`, else the account's live page) or disconnect the chat. */
  setChatConnected(connect: boolean, url?: string): Promise<void>;
  onEvent(e: LiveEvent): void;
  dispose(): void;
}

export function createOverviewStore(api: ApiClient) {
  const refreshToday = coalesce(() => {
    api.getAnalytics('today').then(
      (today) => store.setState({ today }),
      () => {},
    );
  }, 2000);

  async function loadChat() {
    try {
      const chat = await api.getChatStatus();
      store.setState({ chat, chatAvailable: chat !== null });
    } catch (err) {
      store.setState({ chat: null, chatAvailable: true, error: plainError(err) });
    }
  }

  const store = createStore<OverviewState>()((set, get) => ({
    loaded: false,
    botActive: null,
    toggling: false,
    chatBusy: false,
    chat: null,
    chatAvailable: true,
    today: null,
    activity: null,
    error: null,
    load: async () => {
      set({ error: null });
      try {
        const [settings, today, activity] = await Promise.all([
          api.getSettings(),
          api.getAnalytics('today'),
          api.getActivity(50).catch(() => null),
          loadChat(),
        ]);
        set({ botActive: settings.botActive, today, activity, loaded: true });
      } catch (err) {
        set({ error: plainError(err), loaded: true });
      }
    },
    toggleBot: async () => {
      const current = get().botActive;
      if (current === null || get().toggling) return;
      set({ toggling: true, error: null });
      try {
        set({ botActive: await api.setBotActive(!current) });
      } catch (err) {
        set({ error: plainError(err) });
      } finally {
        set({ toggling: false });
      }
    },
    setChatConnected: async (connect, url) => {
      set({ chatBusy: true, error: null });
      try {
        set({ chat: connect ? await api.connectChat(url) : await api.disconnectChat() });
      } catch (err) {
        set({ error: plainError(err) });
      } finally {
        set({ chatBusy: false });
      }
    },
    onEvent: (e) => {
      if (e.type === 'bot.started') set({ botActive: true });
      else if (e.type === 'bot.stopped') set({ botActive: false });
      else if (e.type === 'chat.status') {
        // The driver publishes its full status snapshot, the same shape GET /chat/status answers.
        set({ chat: chatStatus(e.data as unknown as ChatStatusEvent), chatAvailable: true });
      } else if (e.type === 'message.sent' || e.type === 'message.received' || e.type === 'chat.message') refreshToday();
    },
    dispose: () => {
      refreshToday.cancel();
    },
  }));
  return store;
}
