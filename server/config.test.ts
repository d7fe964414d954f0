import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives a working development config from an empty environment', () => {
    const config = loadConfig({});
    expect(config.production).toBe(false);
    expect(config.port).toBe(3000);
    expect(config.mongodbUri).toBeUndefined();
    expect(config.jwt.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('lists every missing production setting in one readable error', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(ConfigError);
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (error) {
      const message = (error as Error).message;
      for (const key of ['MONGODB_URI', 'JWT_SECRET', 'WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'PUBLIC_BASE_URL']) {
        expect(message).toContain(`${key}: is required in production`);
      }
    }
  });

  it('rejects a malformed port and a non-mongodb URI with the variable names', () => {
    expect(() => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x' })).toThrowError(/PORT[\s\S]*MONGODB_URI|MONGODB_URI[\s\S]*PORT/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', JWT_SECRET: '' }).mongodbUri).toBeUndefined();
  });

  it('gives socket deadlines and a per-client limit by default, and refuses a header deadline beyond the request deadline', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 120_000, keepAliveTimeoutMs: 5_000, idleTimeoutMs: 60_000, maxConcurrentPerClient: 32, trustProxy: false });
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '200', HTTP_REQUEST_TIMEOUT_MS: '500', TRUST_PROXY: 'true' }).http).toMatchObject({ headersTimeoutMs: 200, requestTimeoutMs: 500, trustProxy: true });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrowError(/HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/);
  });
});
