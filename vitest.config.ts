import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e tests each launch a Chromium; two cores do not take more than two at once.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
