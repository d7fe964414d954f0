import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';

const base = { NODE_ENV: 'development', DATA_DIR: '/tmp/gzbh-hotline-config-test', JWT_SECRET: 'x'.repeat(40) };

describe('hotline configuration', () => {
  it('runs the fake centre in development without any hotline credentials', () => {
    const config = loadConfig(base);
    expect(config.hotline).toMatchObject({ fake: true, channels: {}, pollMs: 60_000 });
    expect(config.hotline.mapping.version).toBe(1);
  });

  it('connects a channel given its URL, key and secret, and then runs no fake', () => {
    const config = loadConfig({ ...base, HOTLINE_12319_BASE_URL: 'https://12319.example.gov.cn', HOTLINE_12319_APP_KEY: 'baohe', HOTLINE_12319_SECRET: 's'.repeat(32), HOTLINE_POLL_MS: '30000' });
    expect(config.hotline).toMatchObject({ fake: false, pollMs: 30_000, channels: { '12319': { baseUrl: 'https://12319.example.gov.cn', appKey: 'baohe' } } });
    expect(config.hotline.channels['12345']).toBeUndefined();
  });

  it('stops at start-up when a channel is half configured', () => {
    expect(() => loadConfig({ ...base, HOTLINE_12345_BASE_URL: 'https://12345.example.gov.cn' })).toThrow(/HOTLINE_12345_BASE_URL, _APP_KEY and _SECRET go together/);
  });
});
