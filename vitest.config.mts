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
    ],
  },
});
