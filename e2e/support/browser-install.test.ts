import { expect, it, vi } from 'vitest';
import { browserPackages, CHROMIUM_PATH, ensureBrowserInstalled, type BrowserPackage } from './browser-install';

const fake = (name: string, installed: { value: boolean }): BrowserPackage => ({ name, present: async () => installed.value });

it('runs no apt command when chromium and the CJK fonts are there (as on this machine after the first run)', async () => {
  const run = vi.fn(async () => {});
  expect(await ensureBrowserInstalled({ run })).toEqual([]);
  expect(run).not.toHaveBeenCalled();
  expect(browserPackages.map((item) => item.name)).toEqual(['chromium', 'fonts-noto-cjk']);
  expect(CHROMIUM_PATH).toBe('/usr/bin/chromium');
});

it('updates the package lists once, then installs only what is missing, and checks it arrived', async () => {
  const fonts = { value: false };
  const calls: string[][] = [];
  const run = vi.fn(async (args: string[]) => {
    calls.push(args);
    if (args[1] === 'install') fonts.value = true;
  });
  const installed = await ensureBrowserInstalled({ packages: [fake('chromium', { value: true }), fake('fonts-noto-cjk', fonts)], run });
  expect(installed).toEqual(['fonts-noto-cjk']);
  expect(calls).toEqual([
    ['apt-get', 'update'],
    ['apt-get', 'install', '-y', '--no-install-recommends', 'fonts-noto-cjk'],
  ]);
  // A second call finds it and runs nothing.
  run.mockClear();
  expect(await ensureBrowserInstalled({ packages: [fake('chromium', { value: true }), fake('fonts-noto-cjk', fonts)], run })).toEqual([]);
  expect(run).not.toHaveBeenCalled();
});

it('fails readably when apt ran and the package is still missing', async () => {
  await expect(ensureBrowserInstalled({ packages: [fake('chromium', { value: false })], run: async () => {} })).rejects.toThrow(/chromium is still missing/);
});
