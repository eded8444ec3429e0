import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { CreatedWebhook, LiveEvent, Webhook, WebhookDelivery, WebhookEventType, WebhookTestResult } from '../api/types.js';
import { busyRunner, errorText } from './coalesce.js';

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
  load(): Promise<void>;
  create(url: string, events: WebhookEventType[]): Promise<boolean>;
  dismissCreated(): void;
  setActive(id: string, active: boolean): Promise<void>;
  remove(id: string): Promise<void>;
  test(id: string): Promise<void>;
  select(id: string | null): Promise<void>;
  onEvent(e: LiveEvent): void;
}

export function createWebhooksStore(api: ApiClient) {
  const store = createStore<WebhooksState>()((set, get) => {
    const run = busyRunner(set);
    return {
      list: null,
      loaded: false,
      created: null,
      selected: null,
      deliveries: [],
      tests: {},
      busy: null,
      error: null,
      load: async () => {
        try {
          set({ list: await api.listWebhooks(), loaded: true, error: null });
        } catch (err) {
          set({ error: errorText(err), loaded: true });
        }
      },
      create: (url, events) =>
        run('create', async () => {
          const created = await api.createWebhook(url, events);
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
            set((s) => ({ tests: { ...s.tests, [id]: { error: errorText(err) } } }));
          }
          if (get().selected === id) set({ deliveries: await api.webhookDeliveries(id) });
        }).then(() => {}),
      select: async (id) => {
        set({ selected: id, deliveries: [] });
        if (!id) return;
        try {
          const deliveries = await api.webhookDeliveries(id);
          if (get().selected === id) set({ deliveries });
        } catch (err) {
          set({ error: errorText(err) });
        }
      },
      onEvent: (e) => {
        const list = get().list;
        if (!list) return;
        if (e.type === 'webhook.disabled') return void get().load();
        // The server holds an event for every inactive endpoint subscribed to it; count along instead of refetching.
        if (list.some((w) => !w.active && (w.events as string[]).includes(e.type))) {
          set({ list: list.map((w) => (!w.active && (w.events as string[]).includes(e.type) ? { ...w, heldEvents: w.heldEvents + 1 } : w)) });
        }
      },
    };
  });
  return store;
}
