import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { button, field, screenshot, shown, startE2E, type E2E } from './support';
import { addPhoto, writeTestPhoto } from './support/photos';

/**
 * One case's whole life in phones against the real server: a resident files it through the
 * filing page (category, description, photo, compound), the street's dispatcher accepts and
 * dispatches it to the property company the service list suggests, the company claims and
 * resolves it with a photo, the dispatcher verifies and closes it, and the resident rates it. Her
 * case page stays open the whole time and is never reloaded: every step reaches it over the live
 * channel. A second test files while the network is down and while an answer is lost: the
 * idempotency key keeps it to one case.
 *
 * Controls are found by the words people read (and NutUI's own class names where a control has
 * no words, the stars of 满意度), so the tests hold while layouts change.
 */

let e2e: E2E | undefined;
let photo: Awaited<ReturnType<typeof writeTestPhoto>>;

beforeAll(async () => {
  photo = await writeTestPhoto('pile-in-stairwell.jpg');
  e2e = await startE2E('case-flow');
});

afterAll(async () => {
  await e2e?.close();
  photo?.remove();
});

/** A person's phone; a step that does not come within 20 s is not coming (the default 30 s only slows a failure). */
async function phone(as: string) {
  const opened = await e2e!.phone({ as });
  opened.context.setDefaultTimeout(20_000);
  return opened;
}


async function api<T>(base: string, token: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer as T;
}

interface Compound {
  code: string;
  name: string;
  streetCode: string;
  propertyUnit: { code: string; name: string } | null;
}

/** Where a resident lives (her account's compound), as the compound list shows it. */
async function homeOf(token: string, compoundCode: string): Promise<{ compound: Compound; streetName: string }> {
  const base = e2e!.server.base;
  const compound = await api<Compound>(base, token, 'GET', `/compounds/${encodeURIComponent(compoundCode)}`);
  const streets = await api<{ items: { code: string; name: string }[] }>(base, token, 'GET', '/streets');
  const street = streets.items.find((item) => item.code === compound.streetCode);
  if (!street) throw new Error(`no street ${compound.streetCode}`);
  return { compound, streetName: street.name };
}

/** The cases a resident filed herself (她的诉求 without those she follows). */
async function filedBy(token: string): Promise<{ id: string }[]> {
  const page = await api<{ items: { id: string; followed?: boolean }[]; nextCursor: string | null }>(e2e!.server.base, token, 'GET', '/cases?view=mine&limit=50');
  expect(page.nextCursor).toBeNull();
  return page.items.filter((item) => !item.followed);
}

/**
 * A visible NutUI button by its words. Its text sits in a child the button element covers for
 * pointer events (and Taro's H5 button element has no button role), so the button itself is tapped.
 */


/** Fills 我要反映 for a home compound: 物业管理 / 楼道堆物, a description, a photo, the compound from the list. */
async function fillReport(page: Page, home: { compound: Compound; streetName: string }, description: string) {
  await page.goto('/#/pages/report/index');
  // The picker opens once the service list has come.
  await shown(page, '请选择').waitFor();
  await page.getByRole('button', { name: '选择问题类型' }).click();
  await page.getByRole('tab', { name: /^物业管理，/ }).click();
  await page.getByRole('button', { name: '楼道堆物', exact: true }).click();
  await expect.poll(() => page.getByText('物业管理 / 楼道堆物').isVisible()).toBe(true);

  await field(page, '请描述问题：在哪里、什么情况、持续多久了').fill(description);
  await addPhoto(page, '添加照片', photo.file);

  await button(page, '选择小区').click();
  await page.getByRole('button', { name: new RegExp(`^${home.streetName}，`) }).click();
  await field(page, '搜索小区名称').fill(home.compound.name);
  await page.getByRole('button', { name: new RegExp(`^${home.compound.name}，`) }).click();
  await shown(page, `${home.streetName} · ${home.compound.name}`).waitFor();
}

/** Submits the filled form: 提交, then 确认提交 in the preview sheet. */
async function submitReport(page: Page, label: '提交' | '重新提交') {
  await button(page, label).click();
  await button(page, '确认提交').click();
}

/** A staff step from the case page: its button, then the form page's 确认… button; back on the case page after. */
async function staffStep(page: Page, step: string, fill?: () => Promise<void>, shot?: string) {
  // Taro's H5 router drops a navigation asked for while the page is still sliding in (a fresh
  // page, or one a live step has just refreshed): a person taps again, and so does the test.
  for (let attempt = 1; ; attempt++) {
    await button(page, step).click();
    const opened = await page.waitForURL(/#\/staff\/act\/index\?/, { timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (opened) break;
    if (attempt === 3) throw new Error(`tapping ${step} three times did not open its form`);
  }
  await fill?.();
  if (shot) await screenshot(page, shot);
  await button(page, `确认${step}`).click();
  await page.waitForURL(/#\/pages\/case\/index\?/);
}

it('a case from 我要反映 to 评价: filed, accepted, dispatched, claimed, resolved, closed and rated, the filer watching live', async () => {
  const started = Date.now();
  const world = e2e!;
  const resident = await phone('resident01');
  const residentToken = resident.session!.token;
  const homeCode = resident.session!.account.scope.compoundCodes?.[0];
  expect(homeCode).toBeDefined();
  const home = await homeOf(residentToken, homeCode!);
  // The seed's story: resident01's compound is in street01's street and managed by pm01's company.
  const manager = await world.server.signIn('pm01');
  expect(home.compound.propertyUnit?.code).toBe(manager.account.scope.unitCode);
  const companyName = home.compound.propertyUnit!.name;
  const filedBefore = await filedBy(residentToken);

  // 1. The resident files.
  const page = resident.page;
  const description = `3栋2单元楼道里堆了很多纸箱和旧家具，挡住了消防通道，已经一个多星期了（e2e ${Date.now().toString(36)}）`;
  await fillReport(page, home, description);
  await screenshot(page, 'flow-1-report-filled');
  await submitReport(page, '提交');
  await page.waitForURL(/#\/pages\/case\/index\?id=/);
  const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]);
  const tags = page.locator('.case-page__tags');
  await tags.getByText('已提交', { exact: true }).waitFor();
  await page.getByText(description).first().waitFor();
  await screenshot(page, 'flow-2-resident-filed');

  // From here her page is never loaded again: any navigation or load of its frame counts.
  let navigations = 0;
  let loads = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  page.on('load', () => loads++);
  await page.evaluate(() => ((window as unknown as { e2eStillHere: boolean }).e2eStillHere = true));

  // 2. The street's dispatcher accepts and dispatches to the suggested company.
  const dispatcher = await phone('street01');
  expect(dispatcher.session!.account.scope.streetCode).toBe(home.compound.streetCode);
  const desk = dispatcher.page;
  await desk.goto(`/#/pages/case/index?id=${encodeURIComponent(id)}`);
  await desk.locator('.case-page__tags').getByText('已提交', { exact: true }).waitFor();
  await staffStep(desk, '受理');
  await desk.locator('.case-page__tags').getByText('已受理', { exact: true }).waitFor();
  await staffStep(
    desk,
    '派单',
    async () => {
      // Preselected from the service list: the compound's property company leads.
      await shown(desk, companyName).waitFor();
      await shown(desk, '主办 · 物业服务企业').waitFor();
    },
    'flow-3-dispatcher-dispatch-form',
  );
  await desk.locator('.case-page__tags').getByText('已派单', { exact: true }).waitFor();

  // 3. The property company claims and resolves with a note and a photo.
  const company = await phone('pm01');
  const office = company.page;
  await office.goto(`/#/pages/case/index?id=${encodeURIComponent(id)}`);
  await office.locator('.case-page__tags').getByText('已派单', { exact: true }).waitFor();
  await staffStep(office, '接单');
  await office.locator('.case-page__tags').getByText('处置中', { exact: true }).waitFor();
  const resolution = '已清理楼道内全部纸箱和旧家具，消防通道恢复畅通，并张贴了禁止堆物的提示。';
  await staffStep(
    office,
    '回单',
    async () => {
      await field(office, '处置结果，居民可见').fill(resolution);
      await addPhoto(office, '添加现场照片', photo.file);
    },
    'flow-4-company-resolve-form',
  );
  await office.locator('.case-page__tags').getByText('已回单', { exact: true }).waitFor();

  // 4. Her page, never reloaded, shows every step and the new status.
  const timeline = page.getByRole('list', { name: '办理进度' });
  for (const step of ['受理', '派单', '接单', '回单']) await timeline.getByText(step, { exact: true }).waitFor();
  await tags.getByText('已回单', { exact: true }).waitFor();
  await page.getByText(resolution).first().waitFor();
  await screenshot(page, 'flow-5-resident-live-status');
  await timeline.scrollIntoViewIfNeeded();
  await screenshot(page, 'flow-6-resident-live-timeline');

  // 5. The dispatcher verifies and closes; the rating form appears on her page by itself.
  await desk.reload();
  await desk.locator('.case-page__tags').getByText('已回单', { exact: true }).waitFor();
  await staffStep(desk, '审核通过');
  await desk.locator('.case-page__tags').getByText('已审核', { exact: true }).waitFor();
  await staffStep(desk, '结案');
  await desk.locator('.case-page__tags').getByText('已结案', { exact: true }).waitFor();

  await tags.getByText('已结案', { exact: true }).waitFor();
  for (const step of ['审核通过', '结案']) await timeline.getByText(step, { exact: true }).waitFor();
  await shown(page, '评价办理结果').waitFor();
  await page.getByRole('radio', { name: '已解决' }).or(page.getByText('已解决', { exact: true })).first().click();
  await page.locator('.nut-rate-item').nth(4).click();
  const comment = '物业处理很及时，楼道干净了，谢谢！';
  await field(page, '说说办理的情况（选填）').fill(comment);
  await screenshot(page, 'flow-7-resident-rating-form');
  await button(page, '提交评价').click();
  await shown(page, '居民评价').waitFor();
  await page.getByText(comment).first().waitFor();
  await expect.poll(() => page.getByText('评价办理结果').count()).toBe(0);
  // After the 已提交 toast, which would cover the rating in the picture.
  await shown(page, '已提交').waitFor({ state: 'hidden' });
  await shown(page, '居民评价').scrollIntoViewIfNeeded();
  await screenshot(page, 'flow-8-resident-rated');

  expect(navigations).toBe(0);
  expect(loads).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { e2eStillHere?: boolean }).e2eStillHere)).toBe(true);

  const stored = await api<{ status: string; rating: { resolved: string; satisfaction: number; comment?: string } | null }>(world.server.base, residentToken, 'GET', `/cases/${encodeURIComponent(id)}`);
  expect(stored.status).toBe('closed');
  expect(stored.rating).toMatchObject({ resolved: 'yes', satisfaction: 5, comment });
  const filedAfter = await filedBy(residentToken);
  expect(filedAfter.map((item) => item.id).filter((filed) => !filedBefore.some((before) => before.id === filed))).toEqual([id]);

  for (const phone of [resident, dispatcher, company]) expect(phone.errors).toEqual([]);
  console.info(`[case-flow] the whole flow took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 150_000);

it('filing offline, then with the answer lost, keeps the draft, says so, and files exactly one case when sent again', async () => {
  const resident = await phone('resident02');
  const token = resident.session!.token;
  const home = await homeOf(token, resident.session!.account.scope.compoundCodes![0]);
  const filedBefore = await filedBy(token);
  const page = resident.page;
  const description = `小区门口垃圾投放点旁边楼道堆满杂物，请尽快清理（离线 ${Date.now().toString(36)}）`;
  await fillReport(page, home, description);

  // No network at all: nothing reaches the server.
  await resident.context.setOffline(true);
  await submitReport(page, '提交');
  const banner = page.getByRole('alert').filter({ hasText: '提交没有成功' });
  await banner.waitFor();
  // In sight: the form scrolls up to the reason, away from the button at the bottom.
  const inSight = () =>
    banner.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
  await expect.poll(inSight).toBe(true);
  await shown(page, '重新提交').waitFor();
  await expect.poll(() => field(page, '请描述问题：在哪里、什么情况、持续多久了').inputValue()).toBe(description);
  await screenshot(page, 'flow-offline-error');
  await resident.context.setOffline(false);

  // The network is back but the answer to the filing is lost on the way: the server did file it.
  let firstFiledId: string | undefined;
  const keys: string[] = [];
  await page.route('**/api/v1/cases', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    keys.push((await route.request().headerValue('idempotency-key')) ?? '');
    if (firstFiledId !== undefined) return route.fallback();
    const answer = await route.fetch();
    firstFiledId = ((await answer.json()) as { id: string }).id;
    await route.abort('connectionreset');
  });
  const lost = page.waitForEvent('requestfailed', (request) => request.method() === 'POST' && request.url().endsWith('/api/v1/cases'));
  await submitReport(page, '重新提交');
  await lost;
  expect(firstFiledId).toBeDefined();
  // Answered on the form: the preview sheet gone, the reason in sight, everything still typed.
  await shown(page, '确认提交').waitFor({ state: 'hidden' });
  await expect.poll(inSight).toBe(true);
  await expect.poll(() => field(page, '请描述问题：在哪里、什么情况、持续多久了').inputValue()).toBe(description);
  expect(page.url()).toMatch(/#\/pages\/report\/index/);

  // The draft outlives the page too: opened again, it is all there, key included.
  await page.reload();
  await expect.poll(() => field(page, '请描述问题：在哪里、什么情况、持续多久了').inputValue()).toBe(description);
  await shown(page, '物业管理 / 楼道堆物').waitFor();
  await shown(page, `${home.streetName} · ${home.compound.name}`).waitFor();
  await submitReport(page, '提交');
  await page.waitForURL(/#\/pages\/case\/index\?id=/);
  const id = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]);
  await page.getByText(description).first().waitFor();
  await screenshot(page, 'flow-offline-filed-once');

  expect(id).toBe(firstFiledId);
  expect(keys).toHaveLength(2);
  expect(new Set(keys).size).toBe(1);
  const filedAfter = await filedBy(token);
  expect(filedAfter).toHaveLength(filedBefore.length + 1);
  expect(filedAfter.filter((item) => item.id === id)).toHaveLength(1);
}, 90_000);
