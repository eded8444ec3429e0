import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { ApiKey, Scope } from '../api/types.js';
import { busyRunner, errorText } from './coalesce.js';

export interface KeysState {
  list: ApiKey[];
  /** The key just created, in clear text; exists only until dismissed. */
  created: { key: string; apiKey: ApiKey } | null;
  busy: string | null;
  error: string | null;
  load(): Promise<void>;
  create(name: string, scopes?: Scope[]): Promise<boolean>;
  dismissCreated(): void;
  revoke(id: string): Promise<void>;
}

export function createKeysStore(api: ApiClient) {
  return createStore<KeysState>()((set, get) => {
    const run = busyRunner(set);
    return {
      list: [],
      created: null,
      busy: null,
      error: null,
      load: async () => {
        try {
          set({ list: await api.listKeys(), error: null });
        } catch (err) {
          set({ error: errorText(err) });
        }
      },
      create: (name, scopes) =>
        run('create', async () => {
          const created = await api.createKey(name, scopes && scopes.length > 0 ? scopes : undefined);
          set({ created });
          await get().load();
        }),
      dismissCreated: () => set({ created: null }),
      revoke: async (id) => {
        await run(id, async () => {
          const revoked = await api.revokeKey(id);
          set((s) => ({ list: s.list.map((k) => (k.id === id ? revoked : k)) }));
        });
      },
    };
  });
}
