import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connection';
import { createApp } from '../http/app';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { startTestServer, type TestServer } from '../testing/http';
import { testLogger } from '../testing/logger';

let database: Database;
let server: TestServer;

beforeAll(async () => {
  database = await openTestDatabase('health');
  server = await startTestServer(createApp({ database, logger: testLogger }));
});
afterAll(async () => {
  await server.close();
  await dropTestDatabase(database);
});

describe('GET /api/health', () => {
  it('answers ok with the engine it runs on', async () => {
    const response = await server.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', db: 'ok', engine: database.engine });
  });

  it('answers an unknown API path with the error envelope, in Chinese', async () => {
    const response = await server.request('GET', '/api/nowhere');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'route.not_found', message: '请求的接口不存在' } });
  });

  it('answers malformed JSON with 400 and a stable code', async () => {
    const response = await server.request('POST', '/api/health', { body: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('request.malformed_json');
  });
});
