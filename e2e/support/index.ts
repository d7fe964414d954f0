import type { Browser } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { launchChromium, openPhone, screenshot, type Phone, type PhoneOptions } from './browser';
import { startPortalServer, type PortalServer } from './server';

export { ACCOUNT_STORAGE_KEY, launchChromium, openPhone, phoneContext, screenshot, screenshotDir, signedInStorage, signInPage, taroStorageValue, TOKEN_STORAGE_KEY, type Phone, type PhoneOptions } from './browser';
export { DEMO_PASSWORD, startPortalServer, type PortalServer } from './server';
export { waitForPreparation } from './preparation';

export interface E2E {
  server: PortalServer;
  browser: Browser;
  /** A new phone (independent browser context) on this server; signed in with `{ as: 'resident01' }`. */
  phone(options?: PhoneOptions): Promise<Phone>;
  /** Closes every phone, the browser and the server (its database dropped). */
  close(): Promise<void>;
}

/**
 * One test file's world, for its `beforeAll`: the real server on a database of its own with the
 * demo district, serving the built portal, and one Chromium. Each `phone()` is a fresh context
 * (a different person); all are closed by `close()` in `afterAll`. A phone opened inside a test
 * leaves screenshots of its pages when that test fails (`e2e/screenshots/<label>-failed-*.png`).
 */
export async function startE2E(label = 'e2e'): Promise<E2E> {
  const server = await startPortalServer({ label });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.stop();
    throw error;
  }
  const phones: Phone[] = [];
  return {
    server,
    browser,
    phone: async (options) => {
      const phone = await openPhone(browser, server, options);
      phones.push(phone);
      const number = phones.length;
      try {
        // Inside a test: when it fails, what each page of this phone showed, as <label>-failed-<phone>-<page>.png.
        onTestFailed(async () => {
          for (const [index, page] of phone.context.pages().entries()) {
            await screenshot(page, `${label}-failed-${number}-${index + 1}`, { settleMs: 0 }).catch(() => {});
          }
        });
      } catch {
        // Opened in a hook: no test to watch.
      }
      return phone;
    },
    close: async () => {
      for (const phone of phones) await phone.context.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}
export { button, field, shown } from './locators';
