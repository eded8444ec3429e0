import { createStore } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { Account, ChatStatus, Show } from '../api/types.js';

/**
 * The newcomer path on the Overview: practice, add your account, log in, connect tonight's show, go live. Each
 * step ticks itself from real state; a step once reached stays ticked (logging in "once" is a past fact, and the
 * chat is not connected between shows), remembered in localStorage with whether the finished list was hidden.
 */
export const STEP_IDS = ['practice', 'account', 'login', 'connect', 'live'] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface StepInput {
  accounts: Account[];
  chat: ChatStatus | null;
  current: Show | null;
  recent: Show[];
  /** A practice account has had a show (GET /shows?account=<practice account>). */
  practiceShows: boolean;
}

/** The steps the state shows as reached now. */
export function reachedSteps(i: StepInput): StepId[] {
  const chat = i.chat;
  const onPractice = chat?.platform === 'practice';
  const realShow = [i.current, ...i.recent].some((s) => s !== null && s.platform !== 'practice');
  const reached: Record<StepId, boolean> = {
    practice: i.practiceShows || (onPractice && chat?.connected === true) || i.recent.some((s) => s.platform === 'practice'),
    account: i.accounts.some((a) => a.platform !== 'practice' && a.url !== null) || (!onPractice && chat?.connected === true && chat.url !== null),
    login: !onPractice && !!chat?.loggedInAs,
    connect: (!onPractice && chat?.connected === true) || realShow,
    live: !onPractice && chat?.live === true,
  };
  return STEP_IDS.filter((id) => reached[id]);
}

const DONE_KEY = 'buzzchat.newcomer.done';
const HIDDEN_KEY = 'buzzchat.newcomer.hidden';

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage where there is one (the dashboard); none in Node tests, where nothing is remembered. */
function defaultStorage(): KeyValue | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export interface NewcomerState {
  /** Steps reached so far, now or before. */
  done: StepId[];
  /** The finished list was hidden: it never comes back. */
  hidden: boolean;
  practiceShows: boolean;
  /** Merges the steps the state shows as reached now. */
  note(input: StepInput): void;
  /** Asks whether a practice account has had a show (once per account list). */
  checkPractice(accounts: Account[]): Promise<void>;
  /** Only a finished list can be hidden. */
  hide(): void;
}

export function createNewcomerStore(api: ApiClient, storage: KeyValue | null = defaultStorage()) {
  const read = (key: string) => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  };
  const write = (key: string, value: string) => {
    try {
      storage?.setItem(key, value);
    } catch {
      /* storage full or refused: the list is just not remembered */
    }
  };
  const remembered = (() => {
    try {
      const v: unknown = JSON.parse(read(DONE_KEY) ?? '[]');
      return Array.isArray(v) ? STEP_IDS.filter((id) => v.includes(id)) : [];
    } catch {
      return [];
    }
  })();
  let checked = '';
  return createStore<NewcomerState>()((set, get) => ({
    done: remembered,
    hidden: read(HIDDEN_KEY) === '1' && remembered.length === STEP_IDS.length,
    practiceShows: false,
    note: (input) => {
      const now = reachedSteps(input);
      const before = get().done;
      if (now.every((id) => before.includes(id))) return;
      const done = STEP_IDS.filter((id) => before.includes(id) || now.includes(id));
      write(DONE_KEY, JSON.stringify(done));
      set({ done });
    },
    checkPractice: async (accounts) => {
      const practice = accounts.filter((a) => a.platform === 'practice').map((a) => a.id);
      const key = practice.join(',');
      if (get().practiceShows || key === '' || key === checked) return;
      checked = key;
      try {
        const found = await Promise.all(practice.map(async (id) => (await api.listShows(1, id)).length > 0));
        if (found.some(Boolean)) set({ practiceShows: true });
      } catch {
        checked = '';
      }
    },
    hide: () => {
      if (get().done.length !== STEP_IDS.length) return;
      write(HIDDEN_KEY, '1');
      set({ hidden: true });
    },
  }));
}
