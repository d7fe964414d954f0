import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/app';

/**
 * The hostile-key check is one middleware in front of every route: bodies and query strings of
 * routes that never parse them with a schema of their own are refused all the same.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'hostile_keys', district: 'fixture' });
});
afterAll(async () => app?.close());

describe('hostile keys on every route', () => {
  it.each([
    { route: 'POST /api/v1/auth/login', method: 'POST', path: '/api/v1/auth/login', body: { username: { $ne: '' }, password: 'x' }, field: 'username.$ne' },
    { route: 'POST /api/v1/auth/dev-login', method: 'POST', path: '/api/v1/auth/dev-login', body: { username: 'admin', 'role.name': 'x' }, field: 'role.name' },
    { route: 'POST /api/v1/catalog', method: 'POST', path: '/api/v1/catalog', body: { basedOn: 1, categories: [{ prototype: {} }] }, field: 'categories.0.prototype' },
    { route: 'GET /api/v1/compounds', method: 'GET', path: '/api/v1/compounds?$where=1', field: '$where' },
    { route: 'GET /api/health', method: 'GET', path: '/api/health?a.b=1', field: 'a.b' },
  ])('refuses a hostile key sent to $route with 400 and the key named', async ({ method, path, body, field }) => {
    const response = await app.server.request(method, path, { body, token: await app.token('admin') });
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body.error.code).toBe('request.invalid');
    expect(Object.keys(response.body.error.details.fields)).toEqual([field]);
  });

  it('lets the same requests through without the hostile key', async () => {
    expect((await app.server.request('GET', '/api/health?a=1')).status).toBe(200);
    expect((await app.server.request('POST', '/api/v1/auth/dev-login', { body: { username: 'admin' } })).status).toBe(200);
  });
});
