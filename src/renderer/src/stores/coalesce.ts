import { plainError } from '../format.js';

/**
 * Runs `fn` at most once per `ms`, trailing: bursts of live events (a busy chat) become one refetch.
 * `cancel` is for store teardown so no timer outlives a test or a closed window.
 */
export function coalesce(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  run.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return run;
}

/** Errors as the screens show them: in plain words (format.ts plainError), never a raw API message. */
export function errorText(err: unknown): string {
  return plainError(err);
}

/**
 * The one way a store runs a user action: marks it busy, shows its error, and resolves to whether it
 * succeeded (so a form can close on success).
 */
export function busyRunner(set: (partial: { busy?: string | null; error?: string | null }) => void) {
  return async (busy: string, fn: () => Promise<void>): Promise<boolean> => {
    set({ busy, error: null });
    try {
      await fn();
      return true;
    } catch (err) {
      set({ error: errorText(err) });
      return false;
    } finally {
      set({ busy: null });
    }
  };
}
