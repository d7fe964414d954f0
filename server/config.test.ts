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
});
