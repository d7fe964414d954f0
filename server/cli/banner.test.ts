import { describe, expect, it } from 'vitest';
import { reachableUrl, startupBanner } from './banner';

describe('the start-up banner', () => {
  it('prints ready-to-paste commands that carry the real address, not an example port', () => {
    const banner = startupBanner({ url: 'http://127.0.0.1:41234/', engine: 'ferretdb', production: false, demoAccounts: 'resident01 居民' });
    expect(banner).toContain('curl -s http://127.0.0.1:41234/api/health');
    expect(banner).toContain('B=http://127.0.0.1:41234/api/v1');
    expect(banner).toMatch(/TOKEN=\$\(curl -s \$B\/auth\/dev-login .*resident01/);
    expect(banner).toMatch(/curl -s \$B\/cases -H "authorization: Bearer \$TOKEN"/);
    expect(banner).not.toContain(':3000');
  });

  it('offers no demo login in production, where the dev login does not exist', () => {
    const banner = startupBanner({ url: 'https://grid.example.cn/', engine: 'mongodb', production: true });
    expect(banner).toContain('curl -s https://grid.example.cn/api/health');
    expect(banner).not.toContain('dev-login');
    expect(banner).not.toContain('baohe2026');
  });

  it('turns a wildcard bind address into one a person can reach', () => {
    expect(reachableUrl('0.0.0.0', 8080)).toBe('http://127.0.0.1:8080/');
    expect(reachableUrl('::', 8080)).toBe('http://[::1]:8080/');
    expect(reachableUrl('192.168.1.5', 3000)).toBe('http://192.168.1.5:3000/');
  });
});
