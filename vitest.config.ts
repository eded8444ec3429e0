import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // Unpacks the bundled fallback Chromium once when the machine has no Chrome/Edge/Chromium.
    globalSetup: ['tests/helpers/browser-global-setup.ts'],
    // Every API answer a test receives through fetch is checked against the app's served OpenAPI document.
    setupFiles: ['tests/helpers/contract-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // vitest's 1 s poll default is shorter than a Chromium reload or an app boot on a loaded 2-core machine.
    // A passing poll returns as soon as it matches, so a long limit only lengthens failures.
    // (vi.waitFor has no global setting: tests use tests/helpers/wait.ts.)
    expect: { poll: { timeout: 10_000 } },
    // e2e tests each launch a Chromium; two cores do not take more than two at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
