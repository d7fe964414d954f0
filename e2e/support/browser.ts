import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Session } from '../../shared/api/auth';
import { CHROMIUM_PATH } from './browser-install';
import { repoRoot } from './portal-build';
import type { PortalServer } from './server';

/** Where `screenshot` saves: `e2e/screenshots/<name>.png` (ignored by git). */
export const screenshotDir = path.join(repoRoot, 'e2e', 'screenshots');

/** The app's token key in Taro storage (miniprogram/services/http.ts `TOKEN_STORAGE_KEY`). */
export const TOKEN_STORAGE_KEY = 'gongzhi.token';
/** The signed-in account, kept beside the token (miniprogram/services/session.ts `ACCOUNT_STORAGE_KEY`). */
export const ACCOUNT_STORAGE_KEY = 'gongzhi.account';

/**
 * What the app's sign-in leaves in localStorage (session.ts `keep`): the token and the account.
 * Pages decide who is signed in from the account without a round trip, so a token alone is nobody.
 */
export function signedInStorage(session: Session): { name: string; value: string }[] {
  return [
    { name: TOKEN_STORAGE_KEY, value: taroStorageValue(session.token) },
    { name: ACCOUNT_STORAGE_KEY, value: taroStorageValue(session.account) },
  ];
}

/** Debian's flags for a headless Chromium in a container (shared/toolchain.md, "End to end"). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone: iPhone 12–15 sized, touch, Chinese locale and Beijing time, as residents use the portal. */
export const phoneContext: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

/**
 * Debian's Chromium (`/usr/bin/chromium`) under playwright-core; never a downloaded browser.
 * `launch` gives every browser a fresh temporary profile (user-data dir) of its own and removes
 * it on close.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: chromiumArgs, timeout: 60_000 });
}

/**
 * How Taro's H5 `setStorageSync(key, value)` stores a value in localStorage: the JSON of
 * `{ data: value }` (`@tarojs/taro-h5` api/storage); `getStorageSync` ignores anything else.
 */
export function taroStorageValue(value: unknown): string {
  return JSON.stringify({ data: value });
}

export interface PhoneOptions {
  /** Sign in as this demo account before the first page loads (its token and account in Taro storage). */
  as?: string;
  /** Its password; the demo accounts' by default. */
  password?: string;
  /** More context options (they win over the phone's). */
  context?: BrowserContextOptions;
}

export interface Phone {
  context: BrowserContext;
  /** A first page, open on nothing yet: `page.goto('/')` opens the portal (the context's baseURL). */
  page: Page;
  /** The sign-in, when `as` was given. */
  session?: Session;
  /** Uncaught page errors and console errors, in order: a test may expect it empty. */
  errors: string[];
}

/**
 * A new, independent phone (browser context: its own storage, cookies and pages) on `server`,
 * signed in when `as` names a demo account. Several phones of one browser are several people.
 */
export async function openPhone(browser: Browser, server: PortalServer, options: PhoneOptions = {}): Promise<Phone> {
  const session = options.as ? await server.signIn(options.as, options.password) : undefined;
  const context = await browser.newContext({
    ...phoneContext,
    baseURL: server.base,
    // Written into the origin's localStorage before any page of the context runs.
    ...(session ? { storageState: { cookies: [], origins: [{ origin: server.base, localStorage: signedInStorage(session) }] } } : {}),
    ...options.context,
  });
  const errors: string[] = [];
  context.on('weberror', (error) => errors.push(`pageerror: ${error.error().message}`));
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  const page = await context.newPage();
  return { context, page, ...(session ? { session } : {}), errors };
}

/**
 * Signs an open page in (or as someone else): stores the token and account where the app keeps them and
 * reloads, so the app starts again signed in. The page must be on the portal's origin.
 */
export async function signInPage(page: Page, server: PortalServer, username: string, password?: string): Promise<Session> {
  const session = await server.signIn(username, password);
  await page.evaluate((items) => {
    for (const { name, value } of items) localStorage.setItem(name, value);
  }, signedInStorage(session));
  await page.reload();
  return session;
}

/**
 * Saves `e2e/screenshots/<name>.png` after `settleMs` (300 ms by default: Taro's page slide-in
 * animation) and returns its path; `fullPage` for the whole scrolled page.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean; settleMs?: number } = {}): Promise<string> {
  await page.waitForTimeout(options.settleMs ?? 300);
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}
