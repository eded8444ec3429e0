import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import {
  OVERLAY_KEY_NAME,
  OVERLAY_PARAMS,
  OVERLAY_SCOPE,
  type OverlayPage,
  type OverlayParamName,
  type OverlayParamValues,
} from '../../../shared/contract/overlays.js';
import { busyRunner } from './coalesce.js';

const STORAGE_KEY = 'buzzchat.overlays';

/** The overlay key this browser made, in clear text: the URLs in OBS hold it, so the card can show them again. */
export interface OverlayKey {
  id: string;
  secret: string;
}

export interface OverlaysState {
  key: OverlayKey | null;
  /** The look chosen on the card (values differing from the defaults end up in the URLs). */
  params: OverlayParamValues;
  /** Which page the preview shows. */
  preview: OverlayPage;
  busy: 'create' | null;
  error: string | null;
  createKey(): Promise<boolean>;
  /** Drops the kept key (it was revoked, or the user wants a new one); the key itself stays listed until revoked. */
  forgetKey(): void;
  setParam<K extends OverlayParamName>(name: K, value: OverlayParamValues[K]): void;
  setPreview(page: OverlayPage): void;
}

interface Kept {
  key: OverlayKey | null;
  params: OverlayParamValues;
}

function read(storage: Storage | undefined): Kept {
  try {
    const raw = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<Kept> | null;
    const key = raw?.key && typeof raw.key.id === 'string' && typeof raw.key.secret === 'string' ? raw.key : null;
    const params: OverlayParamValues = {};
    for (const [name, value] of Object.entries(raw?.params ?? {})) {
      const rule = OVERLAY_PARAMS[name as OverlayParamName];
      if (rule && typeof value === typeof rule.default) (params as Record<string, unknown>)[name] = value;
    }
    return { key, params };
  } catch {
    return { key: null, params: {} };
  }
}

/**
 * The "OBS overlays" card: a key with only `overlays:read` and the URLs around it. The key is kept in this
 * browser's localStorage (the dashboard's own origin): it reads no more than what is on stream, and without it
 * the card could not show the URLs again after the key was made.
 */
export function createOverlaysStore(api: ApiClient, onKeyCreated: () => void = () => {}, storage: Storage | undefined = globalThis.localStorage) {
  const kept = read(storage);
  return createStore<OverlaysState>()((set, get) => {
    const run = busyRunner(set as (p: { busy?: string | null; error?: string | null }) => void);
    const save = () => {
      try {
        storage?.setItem(STORAGE_KEY, JSON.stringify({ key: get().key, params: get().params }));
      } catch {
        // Storage full or off: the card still works for this session.
      }
    };
    return {
      key: kept.key,
      params: kept.params,
      preview: 'chat',
      busy: null,
      error: null,
      createKey: () =>
        run('create', async () => {
          const created = await api.createKey(OVERLAY_KEY_NAME, [OVERLAY_SCOPE]);
          set({ key: { id: created.apiKey.id, secret: created.key } });
          save();
          onKeyCreated();
        }),
      forgetKey: () => {
        set({ key: null });
        save();
      },
      setParam: (name, value) => {
        set((s) => ({ params: { ...s.params, [name]: value } }));
        save();
      },
      setPreview: (preview) => set({ preview }),
    };
  });
}
