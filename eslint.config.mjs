// The dependency rule, held by lint (see ARCHITECTURE.md):
// shared/ is pure; miniprogram/ sees shared/ and @tarojs only; server/commands/ (use cases) see
// shared/ and port interfaces, never koa, mongoose, sockets or WeChat; only server/http and
// server/routes import koa.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltinNames = ['fs', 'path', 'crypto', 'child_process', 'http', 'https', 'net', 'os', 'stream', 'util', 'url', 'events', 'zlib'];
const nodeBuiltins = ['node:*'];
const serverOnly = ['koa', '@koa/*', 'mongoose', 'mongodb', 'wechat-api', 'ws', 'pino', 'jsonwebtoken', 'sharp'];
const restrict = (groups, message, { forbidNodeBuiltins = false } = {}) => [
  'error',
  {
    paths: forbidNodeBuiltins ? nodeBuiltinNames.map((name) => ({ name, message })) : [],
    patterns: [{ group: groups, message }],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.engine/**', '.tools/**', 'data/**', '.swc/**', 'coverage/**', 'babel.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [...nodeBuiltins, ...serverOnly, '@tarojs/*', 'react', 'react-dom', '**/server/**', '**/miniprogram/**'],
        'shared/ is pure TypeScript used by server and app: no platform, I/O or framework imports.',
        { forbidNodeBuiltins: true },
      ),
    },
  },
  {
    files: ['miniprogram/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([...nodeBuiltins, ...serverOnly, '**/server/**'], 'miniprogram/ imports shared/ and @tarojs only.', {
        forbidNodeBuiltins: true,
      }),
    },
  },
  {
    files: ['server/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['koa', '@koa/*', 'mongoose', 'mongodb', 'wechat-api', 'ws', '**/db/**', '**/wechat/**', '**/http/**', '**/routes/**', '@tarojs/*', '**/miniprogram/**'],
        'Use cases see shared/ and port interfaces; adapters (db, wechat, sockets) are injected.',
      ),
    },
  },
  {
    files: ['server/routes/**/*.ts', 'server/presenters/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        ['mongoose', 'mongodb', 'wechat-api', '**/db/schemas/**', '**/db/case-store', '**/db/photo-port', '**/db/catalog-store', '@tarojs/*', '**/miniprogram/**'],
        'Routes and presenters reach storage only through use cases (server/commands) wired in server/wiring.ts.',
      ),
    },
  },
  {
    files: ['server/db/**/*.ts', 'server/seed/**/*.ts', 'server/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(['koa', '@koa/*', '**/http/**', '**/routes/**', '@tarojs/*', '**/miniprogram/**'], 'Adapters do not know about HTTP.'),
    },
  },
);
