import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { ApiKey, Scope } from '../api/types.js';
import { errorText } from './coalesce.js';

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
  return createStore<KeysState>()((set, get) => ({
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
    create: async (name, scopes) => {
      set({ busy: 'create', error: null });
      try {
        const created = await api.createKey(name, scopes && scopes.length > 0 ? scopes : undefined);
        set({ created });
        await get().load();
        return true;
      } catch (err) {
        set({ error: errorText(err) });
        return false;
      } finally {
        set({ busy: null });
      }
    },
    dismissCreated: () => set({ created: null }),
    revoke: async (id) => {
      set({ busy: id, error: null });
      try {
        const revoked = await api.revokeKey(id);
        set((s) => ({ list: s.list.map((k) => (k.id === id ? revoked : k)) }));
      } catch (err) {
        set({ error: errorText(err) });
      } finally {
        set({ busy: null });
      }
    },
  }));
}
