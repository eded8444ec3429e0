import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { Account, LiveEvent, Platform } from '../api/types.js';
import { busyRunner, errorText } from './coalesce.js';

export interface AccountsState {
  list: Account[];
  busy: string | null;
  error: string | null;
  load(): Promise<void>;
  active(): Account | null;
  create(input: { name: string; platform: Platform; url?: string | null }): Promise<boolean>;
  update(id: string, patch: { name?: string; platform?: Platform; url?: string | null }): Promise<boolean>;
  switchTo(id: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  onEvent(e: LiveEvent): void;
}

/** `onSwitched` lets the root reload every account-scoped store after a switch (here or elsewhere). */
export function createAccountsStore(api: ApiClient, onSwitched: () => void) {
  const store = createStore<AccountsState>()((set, get) => {
    const run = busyRunner(set);
    return {
      list: [],
      busy: null,
      error: null,
      load: async () => {
        try {
          set({ list: await api.listAccounts(), error: null });
        } catch (err) {
          set({ error: errorText(err) });
        }
      },
      active: () => get().list.find((a) => a.isActive) ?? null,
      create: (input) =>
        run('create', async () => {
          await api.createAccount(input);
          await get().load();
        }),
      update: (id, patch) =>
        run(id, async () => {
          const a = await api.updateAccount(id, patch);
          set((s) => ({ list: s.list.map((x) => (x.id === id ? a : x)) }));
        }),
      switchTo: (id) =>
        run(id, async () => {
          await api.switchAccount(id);
          await get().load();
          onSwitched();
        }),
      remove: (id) =>
        run(id, async () => {
          await api.deleteAccount(id);
          set((s) => ({ list: s.list.filter((a) => a.id !== id) }));
        }).then(() => {}),
      onEvent: (e) => {
        // A switch made elsewhere (API, MCP, tray); our own switchTo has already reloaded.
        if (e.type === 'accounts.switched' && e.accountId !== get().active()?.id) void get().load().then(onSwitched);
      },
    };
  });
  return store;
}
