import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { CreatedWebhook, LiveEvent, Webhook, WebhookDelivery, WebhookEventType, WebhookTestResult } from '../api/types.js';
import { plainError, withScheme } from '../format.js';
import { coalesce } from './coalesce.js';

export interface WebhooksState {
  /** null = webhooks are not part of this build (404 on the list). */
  list: Webhook[] | null;
  loaded: boolean;
  /** The webhook just created, with its secret; shown once until dismissed. */
  created: CreatedWebhook | null;
  selected: string | null;
  deliveries: WebhookDelivery[];
  tests: Record<string, WebhookTestResult | { error: string }>;
  busy: string | null;
  error: string | null;
  /** The last create was refused because its address is on the local network (a toggle can allow that). */
  privateRefused: boolean;
  /** App-wide: may webhooks reach addresses on the local network? null until known. */
  allowPrivateNetworks: boolean | null;
  setAllowPrivateNetworks(allow: boolean): Promise<void>;
  load(): Promise<void>;
  create(url: string, events: WebhookEventType[]): Promise<boolean>;
  dismissCreated(): void;
  setActive(id: string, active: boolean): Promise<void>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<void>;
  select(id: string | null): Promise<void>;
  onEvent(e: LiveEvent): void;
}

/** Deliveries still on their way are polled this often while the log is open (attempts publish no event). */
const POLL_MS = 1000;

export function createWebhooksStore(api: ApiClient) {
  let poll: ReturnType<typeof setTimeout> | null = null;
  const stopPolling = () => {
    if (poll) clearTimeout(poll);
    poll = null;
  };
  /** Refetches the open log; keeps polling while a delivery is pending or sending. */
  const loadDeliveries = async () => {
    const id = store.getState().selected;
    stopPolling();
    if (!id) return;
    try {
      const deliveries = await api.webhookDeliveries(id);
      if (store.getState().selected !== id) return;
      store.setState({ deliveries });
      if (deliveries.some((d) => d.status === 'pending' || d.status === 'sending')) poll = setTimeout(() => void loadDeliveries(), POLL_MS);
    } catch (err) {
      store.setState({ error: plainError(err) });
    }
  };
  // An event the open webhook subscribes to has just queued a delivery for it: show it (bursts: one refetch).
  const refreshDeliveries = coalesce(() => void loadDeliveries(), 250);

  const store = createStore<WebhooksState>()((set, get) => {
    const run = async (busy: string, fn: () => Promise<void>): Promise<boolean> => {
      set({ busy, error: null, privateRefused: false });
      try {
        await fn();
        return true;
      } catch (err) {
        set({ error: plainError(err), privateRefused: /private-network|allowPrivateNetworks/.test(err instanceof Error ? err.message : '') });
        return false;
      } finally {
        set({ busy: null });
      }
    };
    return {
      list: null,
      loaded: false,
      created: null,
      selected: null,
      deliveries: [],
      tests: {},
      busy: null,
      error: null,
      privateRefused: false,
      allowPrivateNetworks: null,
      load: async () => {
        try {
          set({ list: await api.listWebhooks(), loaded: true, error: null });
          const config = await api.webhookConfig().catch(() => null);
          if (config) set({ allowPrivateNetworks: config.allowPrivateNetworks });
        } catch (err) {
          set({ error: plainError(err), loaded: true });
        }
      },
      setAllowPrivateNetworks: async (allow) => {
        await run('config', async () => {
          const config = await api.setWebhookConfig({ allowPrivateNetworks: allow });
          set({ allowPrivateNetworks: config.allowPrivateNetworks });
        });
      },
      // A bare "example.com/hook" gets https:// (what the form shows is what is saved).
      create: (url, events) =>
        run('create', async () => {
          const created = await api.createWebhook(withScheme(url), events);
          set({ created });
          await get().load();
        }),
      dismissCreated: () => set({ created: null }),
      setActive: (id, active) =>
        run(id, async () => {
          const updated = await api.updateWebhook(id, { active });
          set((s) => ({ list: s.list?.map((w) => (w.id === id ? updated : w)) ?? null }));
        }).then(() => {}),
      remove: (id) =>
        run(id, async () => {
          await api.deleteWebhook(id);
          set((s) => ({ list: s.list?.filter((w) => w.id !== id) ?? null, selected: s.selected === id ? null : s.selected }));
        }).then(() => {}),
      test: (id) =>
        run(id, async () => {
          try {
            const r = await api.testWebhook(id);
            set((s) => ({ tests: { ...s.tests, [id]: r } }));
          } catch (err) {
            set((s) => ({ tests: { ...s.tests, [id]: { error: plainError(err) } } }));
          }
          if (get().selected === id) await loadDeliveries();
        }).then(() => {}),
      select: async (id) => {
        stopPolling();
        set({ selected: id, deliveries: [] });
        await loadDeliveries();
      },
      onEvent: (e) => {
        const list = get().list;
        if (!list) return;
        if (e.type === 'webhook.disabled') return void get().load();
        const selected = list.find((w) => w.id === get().selected);
        if (selected && (selected.events as string[]).includes(e.type)) refreshDeliveries();
        // The server holds an event for every inactive endpoint subscribed to it; count along instead of refetching.
        if (list.some((w) => !w.active && (w.events as string[]).includes(e.type))) {
          set({ list: list.map((w) => (!w.active && (w.events as string[]).includes(e.type) ? { ...w, heldEvents: w.heldEvents + 1 } : w)) });
        }
      },
    };
  });
  return store;
}
