import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startE2E, taroStorageValue, type E2E, type Phone } from './support';

/**
 * Every main screen as the people who use it see it — visitor, resident, street dispatcher, grid
 * member, and a resident in 长辈模式 — against the real server: each shows what it is for, raises
 * no page error, and leaves a screenshot (e2e/screenshots/screen-*.png) to look at.
 */

let e2e: E2E | undefined;

beforeAll(async () => {
  e2e = await startE2E('screens');
});

afterAll(async () => {
  await e2e?.close();
});

/** Opens a page of the portal and waits for words it must show (visible ones: H5 keeps hidden copies of titles). */
async function open(page: Page, path: string, ...words: string[]): Promise<void> {
  await page.goto(path);
  for (const word of words) await page.getByText(word).filter({ visible: true }).first().waitFor();
}

async function visit(phone: Phone, screens: [name: string, path: string, ...words: string[]][]): Promise<void> {
  for (const [name, path, ...words] of screens) {
    await open(phone.page, path, ...words);
    await screenshot(phone.page, `screen-${name}`);
  }
  expect(phone.errors).toEqual([]);
}

describe('the portal, screen by screen', () => {
  it('a visitor sees the home, public cases, district figures and sign-in without signing in', async () => {
    const visitor = await e2e!.phone();
    await visit(visitor, [
      ['home-visitor', '/', '我要反映', '服务正常', '最新公开案件'],
      ['public', '/#/pages/public/index', '全部分类'],
      ['figures', '/#/stats/public/index', '包河区网格化服务数据', '本月'],
      ['login', '/#/pages/login/index', '密码'],
    ]);
  });

  it('a resident sees her home, her cases, messages, the report form and her settings', async () => {
    const resident = await e2e!.phone({ as: 'resident01' });
    await visit(resident, [
      ['home-resident', '/', '我的办理中诉求'],
      ['mine', '/#/pages/mine/index', '办理中'],
      ['messages', '/#/pages/messages/index', '消息'],
      ['report', '/#/pages/report/index', '问题描述'],
      ['me', '/#/pages/me/index', '长辈模式', '退出登录'],
    ]);
  });

  it('a street dispatcher gets a work home and the inbox of the street; a grid member the patrol report', async () => {
    const dispatcher = await e2e!.phone({ as: 'street01' });
    await visit(dispatcher, [
      ['home-staff', '/', '待办', '已超时'],
      ['staff-inbox', '/#/staff/inbox/index', '超时'],
    ]);
    const gridMember = await e2e!.phone({ as: 'member0101' });
    await visit(gridMember, [['staff-patrol', '/#/staff/patrol/index', '问题描述']]);
  });

  it('长辈模式 gives a resident the three-button home and larger text everywhere', async () => {
    const elder = await e2e!.phone({ as: 'resident01' });
    await elder.context.addInitScript((stored) => localStorage.setItem('gongzhi.preferences', stored), taroStorageValue({ elder: true }));
    await visit(elder, [
      ['elder-home', '/', '我要反映', '我的诉求'],
      ['elder-report', '/#/pages/report/index', '问题描述'],
      ['elder-me', '/#/pages/me/index', '长辈模式'],
    ]);
    // The simpler home leaves out the figures teaser the ordinary home shows.
    await open(elder.page, '/', '我要反映');
    expect(await elder.page.getByText('全区数据').filter({ visible: true }).count()).toBe(0);
    const size = await elder.page.getByText('我的诉求').filter({ visible: true }).first().evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
  });
});
