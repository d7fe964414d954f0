import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './server/testing/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'shared',
          include: ['shared/**/*.test.ts'],
          environment: 'node',
          // Property tests walk thousands of generated cases: on a busy 2-core machine they need room.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // Use cases on the in-memory adapters: no engine is started for them.
          name: 'use-cases',
          include: ['server/commands/**/*.test.ts', 'server/memory/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['server/commands/**', 'server/memory/**', '**/node_modules/**'],
          environment: 'node',
          globalSetup: ['./server/testing/engine-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          // End to end in Debian's Chromium (playwright-core) against the H5 build, the real server
          // and the engine: e2e/**/*.test.ts. Its global setup installs the browser when missing and
          // builds dist/h5 when stale, in the background, so the other projects do not wait for it.
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./server/testing/engine-global-setup.ts', './e2e/support/global-setup.ts'],
          testTimeout: 60_000,
          // The first beforeAll may wait for an apt install and a portal build.
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
