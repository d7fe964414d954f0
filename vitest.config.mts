import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
        // The app's components and view logic, rendered with Taro's own H5 components in jsdom.
        resolve: {
          alias: [
            { find: /^@tarojs\/taro$/, replacement: here('./miniprogram/testing/taro.ts') },
            { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
            // The ES build (as the app's babel plugin imports it), not the UMD bundle `main` names.
            { find: /^@nutui\/nutui-react-taro$/, replacement: '@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js' },
          ],
        },
        define: { 'process.env.TARO_ENV': JSON.stringify('h5'), 'process.env.TARO_APP_API_BASE': JSON.stringify('') },
        test: {
          name: 'app',
          include: ['miniprogram/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: [here('./miniprogram/testing/setup.ts')],
          server: { deps: { inline: [/@tarojs/, /@nutui/] } },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          // The mini-program's real build and its package budget.
          name: 'build',
          include: ['config/**/*.test.ts'],
          environment: 'node',
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
