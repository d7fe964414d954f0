import type { Page } from 'playwright-core';

/** The visible element with exactly this text (or matching the pattern): Taro's H5 keeps the pages below in the stack in the DOM, hidden. */
export const shown = (page: Page, text: string | RegExp) => page.getByText(text, typeof text === 'string' ? { exact: true } : {}).filter({ visible: true }).first();

/** The visible NutUI/Taro button labelled exactly `text`. */
export const button = (page: Page, text: string) => page.locator('taro-button-core').filter({ has: page.getByText(text, { exact: true }) }).filter({ visible: true }).first();

/** The visible input or textarea with this placeholder. */
export const field = (page: Page, placeholder: string) => page.locator(`textarea[placeholder="${placeholder}"], input[placeholder="${placeholder}"]`).filter({ visible: true }).first();
