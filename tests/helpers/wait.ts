import { vi } from 'vitest';

/**
 * The project-wide limit for waiting on something asynchronous. vitest's defaults (1 s) are shorter than a
 * Chromium reload or an app boot on a loaded 2-core machine; a wait returns as soon as it is satisfied, so a
 * long limit costs time only when the test is failing anyway. expect.poll gets the same limit from
 * vitest.config.ts (`test.expect.poll.timeout`).
 */
export const WAIT_MS = 10_000;

/** vi.waitFor with the project limit: retries `check` until it stops throwing (an `expect` inside it). */
export function waitUntil<T>(check: () => T | Promise<T>, timeout = WAIT_MS): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 20 });
}
