import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { Backup } from '../api/types.js';
import { busyRunner, errorText } from './coalesce.js';

export interface BackupsState {
  /** null: the backups module is not part of this build. */
  directory: string | null;
  list: Backup[];
  available: boolean;
  busy: string | null;
  error: string | null;
  /** The file just written by "Back up now". */
  taken: string | null;
  load(): Promise<void>;
  takeNow(): Promise<boolean>;
}

export function createBackupsStore(api: ApiClient) {
  return createStore<BackupsState>()((set, get) => {
    const run = busyRunner(set);
    return {
      directory: null,
      list: [],
      available: true,
      busy: null,
      error: null,
      taken: null,
      load: async () => {
        try {
          const r = await api.getBackups();
          set(r ? { directory: r.directory, list: r.backups, available: true, error: null } : { available: false, list: [] });
        } catch (err) {
          set({ error: errorText(err) });
        }
      },
      takeNow: () =>
        run('take', async () => {
          const r = await api.takeBackup();
          set({ taken: r.path });
          await get().load();
        }),
    };
  });
}
