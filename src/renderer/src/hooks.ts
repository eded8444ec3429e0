import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Stores } from './stores/index.js';

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const s = useContext(StoresContext);
  if (!s) throw new Error('StoresContext is missing');
  return s;
}

type Area = Exclude<keyof Stores, 'dispatch' | 'reloadAccountScoped' | 'dispose'>;
type StateOf<K extends Area> = ReturnType<Stores[K]['getState']>;

/** Whole state of one screen area; screens read their area and pass plain props down. */
export function useArea<K extends Area>(area: K): StateOf<K> {
  const stores = useStores();
  return useStore(stores[area] as unknown as Parameters<typeof useStore>[0]) as StateOf<K>;
}
