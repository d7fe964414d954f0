import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { button, field, screenshot, shown, startE2E, type E2E } from './support';

/**
 * The committee's side of 议事协商 in a phone against the real server: community01 drafts the
 * e-bike shed poll for resident01's compound (refused first, with the reasons beside the fields),
 * publishes it, watches resident01's vote arrive as turnout (never as a choice), ends it, reads
 * the result, records the decision and turns it into a case; then reviews a resident's claim of a
 * home in 住户审核 and imports a roster CSV, refused for one bad row, then accepted.
 *
 * Controls are found by the words people read, as in case-flow.test.ts.
 */

let e2e: E2E | undefined;
let csvDir: string;

beforeAll(async () => {
  csvDir = mkdtempSync(path.join(tmpdir(), 'gzbh-e2e-roster-'));
  e2e = await startE2E('polls-committee');
});

afterAll(async () => {
  await e2e?.close();
  rmSync(csvDir, { recursive: true, force: true });
});

async function phone(as: string) {
  const opened = await e2e!.phone({ as });
  opened.context.setDefaultTimeout(20_000);
  return opened;
}


async function api<T>(token: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${e2e!.server.base}/api/v1${route}`, {
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
  buildings: { code: string; name: string }[];
}
interface Membership {
  id: string;
  status: string;
  compound: { code: string };
  revision: number;
}

/** A verified home for a resident in a compound: claimed by them, verified by the committee (unless the seed has one). */
async function verifiedHome(residentToken: string, committeeToken: string, compound: Compound, room: string): Promise<void> {
  const mine = await api<{ items: Membership[] }>(residentToken, 'GET', '/memberships/mine');
  if (mine.items.some((membership) => membership.compound.code === compound.code && membership.status === 'verified')) return;
  const claimed = await api<Membership>(residentToken, 'POST', '/memberships', { compoundCode: compound.code, buildingCode: compound.buildings[0].code, unit: '1', room, relation: 'owner' });
  if (claimed.status !== 'verified') await api<Membership>(committeeToken, 'POST', `/memberships/${claimed.id}/verify`, { revision: claimed.revision });
}

const POLL_TITLE = '是否在3栋北侧建设电动自行车充电车棚';

it('a committee drafts, publishes, ends and decides the e-bike shed poll, and turns the decision into a case', async () => {
  const world = e2e!;
  const committee = await phone('community01');
  const committeeToken = committee.session!.token;
  const resident = await world.server.signIn('resident01');
  const homeCode = resident.account.scope.compoundCodes![0];
  expect(committee.session!.account.scope.compoundCodes).toContain(homeCode);
  const home = await api<Compound>(committeeToken, 'GET', `/compounds/${encodeURIComponent(homeCode)}`);
  await verifiedHome(resident.token, committeeToken, home, '301');

  // 1. 议事管理 → 发起议题; saving an empty form names what is missing beside each field.
  const page = committee.page;
  await page.goto('/#/staff/polls/index');
  await button(page, '发起议题').click();
  await page.waitForURL(/#\/staff\/poll-edit\/index/);
  await shown(page, home.name).waitFor();
  await field(page, '如：是否在3栋北侧建设电动自行车充电车棚').fill('车棚');
  await button(page, '保存草稿').click();
  await shown(page, '标题至少4个字').waitFor();
  await shown(page, '背景说明至少10个字').waitFor();
  await toastGone(page, '请检查标红的内容');
  await toTop(page);
  await screenshot(page, 'poll-committee-editor-errors');

  // 2. The poll as the committee means it: one question, 同意 must be more than half.
  await field(page, '如：是否在3栋北侧建设电动自行车充电车棚').fill(POLL_TITLE);
  await field(page, '为什么要议、有哪些方案、费用由谁承担').fill('3栋北侧空地常有电动自行车飞线充电，居民多次反映有火灾隐患。拟在此建设带充电桩的车棚，费用由公共收益支出。');
  await field(page, '问题1，如：您是否同意建设充电车棚？').fill('您是否同意在3栋北侧建设电动自行车充电车棚？');
  await shown(page, home.name).click();
  await page.getByLabel('设置通过条件').filter({ visible: true }).first().click();
  await shown(page, '过半数').waitFor();
  await expect.poll(() => page.getByText('标题至少4个字').filter({ visible: true }).count()).toBe(0);
  await toastGone(page, '请检查标红的内容');
  await toTop(page);
  await screenshot(page, 'poll-committee-editor');
  await button(page, '保存草稿').click();
  await savedOrRefused(page);
  const pollId = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]);

  // 3. 发布, after the warning that the questions freeze.
  await shown(page, '草稿').waitFor();
  await button(page, '发布').click();
  await shown(page, '确认发布').waitFor();
  await button(page, '确认发布').click();
  await shown(page, '投票中').waitFor();

  // 4. resident01 votes 同意 (through the API); the committee sees that a household voted, not what.
  const poll = await api<{ questions: { id: string; options: { id: string; text: string }[] }[] }>(resident.token, 'GET', `/polls/${pollId}`);
  const question = poll.questions[0];
  const agree = question.options.find((option) => option.text === '同意')!;
  await api(resident.token, 'POST', `/polls/${pollId}/votes`, { choices: { [question.id]: [agree.id] } });
  await page.reload();
  await shown(page, '投票情况').waitFor();
  await expect.poll(async () => page.locator('.manage-turnout__number').first().textContent()).toBe('1');
  await shown(page, '本户已投票').waitFor();
  await screenshot(page, 'poll-committee-manage-voting');

  // 5. 提前结束: the results, once every ballot is counted.
  await button(page, '提前结束').click();
  await button(page, '结束投票').click();
  await shown(page, '已结束').waitFor();
  for (let attempt = 0; attempt < 30 && !(await page.getByText('最终结果', { exact: true }).filter({ visible: true }).count()); attempt++) {
    await page.waitForTimeout(2_000);
    await page.reload();
    await shown(page, '已结束').waitFor();
  }
  await shown(page, '最终结果').waitFor();
  await page.getByLabel('投票结果').filter({ visible: true }).first().scrollIntoViewIfNeeded();
  await screenshot(page, 'poll-committee-results');

  // The CSV comes down with the token.
  const download = page.waitForEvent('download');
  await button(page, '导出CSV').click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);

  // 6. The decision.
  await field(page, '如：同意在3栋北侧建设充电车棚，由物业组织施工').fill('同意在3栋北侧建设电动自行车充电车棚，由物业公司组织施工，年内完成。');
  await field(page, '议事会讨论的要点、表决情况').fill('居民代表、业委会、物业公司参加议事会，一致同意按投票结果实施。');
  await button(page, '保存决定').click();
  await shown(page, '议事决定').waitFor();
  await page.getByLabel('议事决定').filter({ visible: true }).first().scrollIntoViewIfNeeded();
  await screenshot(page, 'poll-committee-decision');

  // 7. 转为案件: the catalog's 议事协商决议落实, the property company among its handlers.
  await button(page, '转为案件').click();
  await page.getByRole('button', { name: '选择问题类型' }).filter({ visible: true }).first().click();
  await field(page, '搜索问题，如“井盖”“噪音”').fill('议事协商');
  await page.getByRole('button', { name: /议事协商决议落实$/ }).filter({ visible: true }).first().click();
  await field(page, '要做什么、在哪里、由谁落实、何时完成').fill('在3栋北侧空地建设电动自行车充电车棚（含智能充电桩），由物业公司组织施工，年内完工。');
  await button(page, '提交案件').click();
  await shown(page, '案件已提交').waitFor();
  await button(page, '查看案件').click();
  await page.waitForURL(/#\/pages\/case\/index\?id=/);
  await page.locator('.case-page__tags').filter({ visible: true }).first().waitFor();
  await screenshot(page, 'poll-committee-case');

  // The list shows the poll, ended.
  await page.goto('/#/staff/polls/index');
  await page.getByRole('button', { name: `${POLL_TITLE}，已结束` }).filter({ visible: true }).first().waitFor();
  await screenshot(page, 'poll-committee-list');
});

it('a committee verifies a pending claim and imports a roster, refused for a bad row and then accepted', async () => {
  const world = e2e!;
  const committee = await phone('community01');
  const committeeToken = committee.session!.token;
  const compoundCode = committee.session!.account.scope.compoundCodes![0];
  const compound = await api<Compound>(committeeToken, 'GET', `/compounds/${encodeURIComponent(compoundCode)}`);
  const claimant = await world.server.signIn('resident02');
  await api<Membership>(claimant.token, 'POST', '/memberships', { compoundCode, buildingCode: compound.buildings[0].code, unit: '2', room: '502', relation: 'tenant', name: '韩梅梅', phone: '13900000502' });

  // 1. 住户审核: the claim waits with the resident's name and phone; 通过 verifies it.
  const page = committee.page;
  await page.goto('/#/staff/roster/index');
  const claim = page.getByLabel('韩梅梅的申请').filter({ visible: true }).first();
  await claim.waitFor();
  await claim.getByText('13900000502').waitFor();
  await screenshot(page, 'roster-pending');
  await claim.locator('taro-button-core').filter({ hasText: /^通过$/ }).click();
  await expect.poll(() => page.getByLabel('韩梅梅的申请').filter({ visible: true }).count()).toBe(0);
  await page.getByRole('tab', { name: '已认证' }).or(page.getByText('已认证', { exact: true })).filter({ visible: true }).first().click();
  await page.getByLabel('韩梅梅的申请').filter({ visible: true }).first().waitFor();

  // 2. A roster with a bad row: nothing imported, the row named by its line.
  const building = compound.buildings[0].code;
  const header = '小区编号,楼栋编号,单元,房号,姓名,手机号,关系';
  const bad = path.join(csvDir, '花名册-有错.csv');
  writeFileSync(bad, `${header}\n${compoundCode},${building},1,101,李雷,13900000101,业主\n${compoundCode},NOPE-B99,1,102,王芳,1390000,房东\n`);
  await importFile(page, bad);
  const rejected = page.getByRole('table', { name: '有错误的行' }).filter({ visible: true }).first();
  await rejected.getByText('第3行').waitFor();
  await toastGone(page, '已通过');
  await screenshot(page, 'roster-import-rejected');

  // 3. The corrected roster is imported.
  const good = path.join(csvDir, '花名册.csv');
  writeFileSync(good, `${header}\n${compoundCode},${building},1,101,李雷,13900000101,业主\n${compoundCode},${building},1,101,李小雷,13900000102,家属\n${compoundCode},${building},1,102,王芳,13900000103,租户\n`);
  await importFile(page, good);
  await page.getByText(/导入成功/).filter({ visible: true }).first().waitFor();
  await shown(page, '共 3 位住户、2 户；自动认证待审核申请 0 条。').waitFor();
  await toastGone(page, '已通过');
  await screenshot(page, 'roster-import-ok');
});

/** A long form's top, where its title and the first errors are (Taro's H5 page, not the window, scrolls). */
const toTop = (page: Page) =>
  page
    .locator('.poll-editor')
    .filter({ visible: true })
    .first()
    .evaluate((form) => form.scrollIntoView({ block: 'start' }));

/** Waits for a toast to leave so that it does not cover a screenshot. */
const toastGone = (page: Page, text: string) => expect.poll(() => page.getByText(text, { exact: true }).filter({ visible: true }).count(), { timeout: 5_000 }).toBe(0);

/** The saved draft's page, or the editor's refusal (its banner and the field errors) as the failure. */
async function savedOrRefused(page: Page) {
  const banner = page.locator('.pe-banner').filter({ visible: true });
  const fieldErrors = page.locator('.pe-error').filter({ visible: true });
  await Promise.race([page.waitForURL(/#\/staff\/poll-manage\/index\?id=/), banner.waitFor(), fieldErrors.first().waitFor()]);
  if (!/poll-manage/.test(page.url())) throw new Error(`the draft was refused: ${(await banner.allTextContents()).join('')} ${(await fieldErrors.allTextContents()).join(' / ')}`);
}

/** 选择CSV文件 opens the browser's file chooser. */
async function importFile(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await button(page, '选择CSV文件').click();
  await (await chooser).setFiles(file);
}
