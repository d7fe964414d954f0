import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/http';
import { staticPortal } from './static-portal';

let root: string;
let server: TestServer;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'gzbh-portal-'));
  mkdirSync(path.join(root, 'h5', 'js'), { recursive: true });
  mkdirSync(path.join(root, 'h5-secret'));
  writeFileSync(path.join(root, 'h5', 'index.html'), '<!doctype html><title>共治包河</title>');
  writeFileSync(path.join(root, 'h5', 'js', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'h5-secret', 'key.txt'), 'SECRET');
  const app = new Koa();
  app.use(staticPortal(path.join(root, 'h5')));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.body = 'not here';
  });
  server = await startTestServer(app);
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the static portal', () => {
  it('serves built assets with a long cache and index.html for unknown paths', async () => {
    const asset = await server.request('GET', '/js/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const deepLink = await server.request('GET', '/pages/case/index');
    expect(deepLink.body).toContain('共治包河');
    expect(deepLink.headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a file of a sibling folder sharing its name as a prefix', async () => {
    const response = await server.request('GET', '/..%2Fh5-secret/key.txt');
    expect(response.body).not.toContain('SECRET');
  });

  it('passes a malformed escape on instead of failing', async () => {
    const response = await server.request('GET', '/%E0%A4%A');
    expect(response.status).toBe(404);
  });
});
