import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACCOUNT_STORAGE_KEY, screenshot, screenshotDir, signInPage, startE2E, TOKEN_STORAGE_KEY, type E2E } from './index';

/**
 * The helpers page tests stand on: phones are independent people, and a phone signed in through
 * the API is signed in for the app itself (the built app reads the token back from Taro storage
 * and sends it with its requests).
 */

let e2e: E2E | undefined;

beforeAll(async () => {
  e2e = await startE2E('support');
});

afterAll(async () => {
  await e2e?.close();
});

/** Opens the portal and answers the Authorization header the app sent with its health check (the home page always makes one). */
async function authorizationOfAppRequest(page: Page, load: () => Promise<unknown> = () => page.goto('/')): Promise<string | undefined> {
  const [request] = await Promise.all([page.waitForRequest((candidate) => candidate.url().endsWith('/api/health')), load()]);
  return (await request.allHeaders()).authorization;
}

it('phones signed in as different demo accounts are different people to the app, and a phone not signed in is nobody', async () => {
  const resident = await e2e!.phone({ as: 'resident01' });
  const dispatcher = await e2e!.phone({ as: 'street01' });
  const nobody = await e2e!.phone();
  expect(resident.session?.account.role).toBe('resident');
  expect(dispatcher.session?.account.role).toBe('street_dispatcher');

  expect(await authorizationOfAppRequest(resident.page)).toBe(`Bearer ${resident.session!.token}`);
  expect(await authorizationOfAppRequest(dispatcher.page)).toBe(`Bearer ${dispatcher.session!.token}`);
  expect(await authorizationOfAppRequest(nobody.page)).toBeUndefined();
  // Stored as Taro's H5 setStorageSync stores it.
  expect(JSON.parse((await resident.page.evaluate((key) => localStorage.getItem(key), TOKEN_STORAGE_KEY))!)).toEqual({ data: resident.session!.token });
  // With the account beside it, as the app's own sign-in keeps it: pages read who is signed in from there.
  expect(JSON.parse((await resident.page.evaluate((key) => localStorage.getItem(key), ACCOUNT_STORAGE_KEY))!)).toEqual({ data: resident.session!.account });

  // An open page signed in afterwards: the app starts again with the token.
  let session: Awaited<ReturnType<typeof signInPage>> | undefined;
  const header = await authorizationOfAppRequest(nobody.page, async () => (session = await signInPage(nobody.page, e2e!.server, 'pm01')));
  expect(session!.account.role).toBe('property_manager');
  expect(header).toBe(`Bearer ${session!.token}`);
  // The others are untouched.
  expect(await authorizationOfAppRequest(resident.page, () => resident.page.reload())).toBe(`Bearer ${resident.session!.token}`);

  for (const phone of [resident, dispatcher, nobody]) expect(phone.errors).toEqual([]);
});

it('a wrong password is refused with the server answer', async () => {
  await expect(e2e!.phone({ as: 'resident01', password: 'not-the-password' })).rejects.toThrow(/sign-in as resident01 answered 401/);
});

it('screenshots land in e2e/screenshots/<name>.png, in a phone-size picture', async () => {
  const { page } = await e2e!.phone();
  await page.goto('/');
  const file = await screenshot(page, 'support/phone');
  expect(file).toBe(`${screenshotDir}/support-phone.png`);
  expect(existsSync(file)).toBe(true);
  expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
  expect(await page.evaluate(() => [window.devicePixelRatio, navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone, 'ontouchstart' in window])).toEqual([2, 'zh-CN', 'Asia/Shanghai', true]);
});
