import type { Locator, Page } from 'playwright-core';
import { shown } from './locators';

/** The box of `locator` once it stops moving (the picker slides up as it opens). */
async function settledBox(locator: Locator) {
  let last = await locator.boundingBox();
  for (let tries = 0; tries < 20; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await locator.boundingBox();
    if (now && last && now.y === last.y) return now;
    last = now;
  }
  if (!last) throw new Error('the picker did not open');
  return last;
}

/**
 * Chooses the row showing `text` in Taro's open H5 picker and confirms it. The column moves only by
 * a drag of a finger (touch events, as a phone sends them), so the row is dragged onto the
 * indicator, then 确定 is tapped.
 */
export async function pickInOpenPicker(page: Page, text: string | RegExp) {
  const indicator = await settledBox(page.locator('.weui-picker__indicator').filter({ visible: true }).first());
  const row = await settledBox(page.locator('.weui-picker__item').filter({ hasText: text }).first());
  const x = indicator.x + indicator.width / 2;
  const from = indicator.y + indicator.height / 2;
  const distance = row.y + row.height / 2 - from;
  const touch = await page.context().newCDPSession(page);
  await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
  for (let step = 1; step <= 10; step += 1) {
    await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: from - (distance * step) / 10 }] });
  }
  await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await touch.detach();
  await shown(page, '确定').click();
}
