import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { portalStaleReason } from './portal-build';

/** When the browser project builds the portal again: only when its build is missing, incomplete or older than a source. */

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(): { root: string; dist: string; at(file: string, seconds: number): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'gzbh-portal-stale-'));
  roots.push(root);
  const at = (file: string, seconds: number) => {
    const full = path.join(root, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.endsWith('index.html') ? '<script src="/js/app.1234.js"></script><link href="/css/app.1234.css" rel="stylesheet">' : 'x');
    utimesSync(full, seconds, seconds);
  };
  at('miniprogram/pages/index/index.tsx', 1_000);
  at('shared/catalog/catalog.ts', 1_000);
  at('config/index.ts', 1_000);
  return { root, dist: path.join(root, 'dist', 'h5'), at };
}

it('is up to date when index.html is newer than every source and its scripts and styles exist', () => {
  const { root, dist, at } = project();
  expect(portalStaleReason(dist, root)).toMatch(/index.html is missing/);
  at('dist/h5/index.html', 2_000);
  expect(portalStaleReason(dist, root)).toMatch(/js\/app.1234.js named by index.html is missing/);
  at('dist/h5/js/app.1234.js', 2_000);
  at('dist/h5/css/app.1234.css', 2_000);
  expect(portalStaleReason(dist, root)).toBeUndefined();
});

it('is stale when a page, shared code or the build config changed after it, but not for a test of shared/', () => {
  const { root, dist, at } = project();
  for (const file of ['dist/h5/index.html', 'dist/h5/js/app.1234.js', 'dist/h5/css/app.1234.css']) at(file, 2_000);
  at('shared/catalog/catalog.test.ts', 3_000);
  expect(portalStaleReason(dist, root)).toBeUndefined();
  for (const source of ['miniprogram/pages/index/index.scss', 'shared/cases/machine.ts', 'config/prod.ts', 'package-lock.json']) {
    at(source, 3_000);
    expect(portalStaleReason(dist, root), source).toBe('sources changed since the last build');
    rmSync(path.join(root, source));
  }
});
