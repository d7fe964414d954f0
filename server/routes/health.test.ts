import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ label: 'health' });
});
afterAll(async () => app.close());

describe('GET /api/health', () => {
  it('answers ok with the engine it runs on', async () => {
    const response = await app.server.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', db: 'ok', engine: app.database.engine });
  });

  it('answers an unknown API path with the error envelope, in Chinese', async () => {
    const response = await app.server.request('GET', '/api/nowhere');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'route.not_found', message: '请求的接口不存在' } });
  });

  it('answers malformed JSON with 400 and a stable code', async () => {
    const response = await app.server.request('POST', '/api/v1/auth/login', { body: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('request.malformed_json');
  });
});
