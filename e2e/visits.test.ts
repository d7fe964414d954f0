import { afterAll, beforeAll, expect, it } from 'vitest';
import { button, field, shown } from './support/locators';
import { screenshot, startE2E, type E2E } from './support';
import { addPhoto, writeTestPhoto } from './support/photos';
import { pickInOpenPicker } from './support/picker';

/**
 * 入户走访 in a phone against the real server, on `npm start`'s demo register (grid 0101's first
 * compound): the grid member's worklist, a person's masked record and one field shown on a reason
 * (audited), a visit drafted at the door without network and sent once when it comes back, a
 * visit that files a case, and a resident refused. Each leaves a screenshot.
 */

let e2e: E2E | undefined;

let photo: Awaited<ReturnType<typeof writeTestPhoto>>;

beforeAll(async () => {
  photo = await writeTestPhoto('loose-handrail.jpg');
  e2e = await startE2E('visits');
});

afterAll(async () => {
  await e2e?.close();
  photo?.remove();
});

async function api<T>(username: string, method: string, route: string, body?: unknown): Promise<T> {
  const { token } = await e2e!.server.signIn(username);
  const response = await fetch(`${e2e!.server.base}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer as T;
}

interface PersonView {
  id: string;
  name: string;
  risk: string;
  category: { code: string; name: string };
  schedule: { state: string };
}

async function phone(as: string) {
  const opened = await e2e!.phone({ as });
  opened.context.setDefaultTimeout(20_000);
  return opened;
}

/** The demo person of a category on member0101's worklist, as the API lists them. */
async function dueOf(categoryCode: string): Promise<PersonView> {
  const worklist = await api<{ items: PersonView[] }>('member0101', 'GET', '/visits/worklist?limit=50');
  const person = worklist.items.find((p) => p.category.code === categoryCode);
  if (!person) throw new Error(`no ${categoryCode} person due: ${JSON.stringify(worklist.items.map((p) => p.category.code))}`);
  return person;
}

it('the grid member’s worklist puts the red and the late first, masked; the record shows a field only on a reason, and the committee reads why', async () => {
  const { page } = await phone('member0101');
  await page.goto('/#/visits/worklist/index');
  await shown(page, '入户走访').waitFor();
  const rows = page.locator('.visit-person').filter({ visible: true });
  await rows.first().waitFor();
  await expect.poll(async () => (await rows.first().getAttribute('class')) ?? '').toContain('visit-person--red');
  const names = await page.locator('.visit-person__name').filter({ visible: true }).allTextContents();
  expect(names.length).toBeGreaterThanOrEqual(3);
  for (const name of names) expect(name).toMatch(/\*/);
  expect(await page.locator('body').innerText()).not.toContain('王桂英');
  await screenshot(page, 'visits-worklist');

  const alone = await dueOf('elderly_alone');
  await page.getByRole('button', { name: new RegExp(`^${alone.name.replace(/\*/g, '\\*')}，`) }).first().click();
  await shown(page, '走访安排').waitFor();
  await shown(page, '139****0101').waitFor();
  await page.getByRole('button', { name: '查看电话' }).filter({ visible: true }).first().click();
  await shown(page, '查看明文会记录查看人、时间和原因，社区可查阅。').waitFor();
  await button(page, '确认查看').click();
  await shown(page, '请说明查看原因，至少4个字').waitFor();
  await field(page, '查看原因，如：核实联系电话以便预约走访').fill('预约上门走访时间');
  await button(page, '确认查看').click();
  await shown(page, '13905510101').waitFor();
  await screenshot(page, 'visits-person-record');

  const audit = await api<{ items: { action: string; field: string | null; reason: string | null; personId: string }[] }>('community01', 'GET', '/visits/audit?limit=50');
  expect(audit.items).toContainEqual(expect.objectContaining({ action: 'unmask', field: 'phone', reason: '预约上门走访时间', personId: alone.id }));
  expect(audit.items).toContainEqual(expect.objectContaining({ action: 'read', personId: alone.id }));
});

it('the committee reads its figures with small groups hidden, and the audit with who looked at what and why', async () => {
  const { page } = await phone('community01');
  await page.goto('/#/visits/worklist/index');
  await page.getByRole('tab', { name: '统计' }).or(page.getByText('统计', { exact: true })).filter({ visible: true }).first().click();
  const table = page.getByRole('table', { name: '走访统计' }).filter({ visible: true }).first();
  await table.waitFor();
  // Six demo people in six categories: every group is under 5.
  expect(await table.innerText()).toContain('<5');
  expect(await table.innerText()).not.toMatch(/\b[1-4]\b/);
  await screenshot(page, 'visits-summary');

  await page.getByRole('tab', { name: '审计' }).or(page.getByText('审计', { exact: true })).filter({ visible: true }).first().click();
  await shown(page, /查看明文：电话/).waitFor();
  await shown(page, /原因：预约上门走访时间/).waitFor();
  await screenshot(page, 'visits-audit');

  // 登记: refused with the field named, then registered and shown masked.
  await button(page, '登记人员').click();
  const group = (label: string) => page.getByRole('group', { name: label }).filter({ visible: true }).first();
  await group('人群类别').locator('.record-picker').waitFor();
  await group('姓名').locator('input').fill('示例·钱秀珍');
  await group('身份证号').locator('input').fill('3401111950');
  await group('住址').locator('input').fill('3栋2单元502室');
  await button(page, '登记').click();
  await shown(page, '身份证号应为18位').waitFor();
  await shown(page, '请填写人群类别').waitFor();
  await screenshot(page, 'visits-register-errors');
  // Taro's picker opens on its first item; 确定 takes it.
  for (const label of ['人群类别', '所在小区']) {
    await group(label).locator('.record-picker').click();
    await shown(page, '确定').click();
    await expect.poll(() => group(label).locator('.record-picker').innerText()).not.toContain('请选择');
  }
  await group('身份证号').locator('input').fill('340111195003150027');
  await button(page, '登记').click();
  await shown(page, '走访安排').waitFor();
  await shown(page, '示****珍').waitFor();
  expect(await page.locator('body').innerText()).not.toContain('钱秀珍');

  // 登记变化: a discharge from hospital, at a higher risk (高龄老人 has no major-change rule: the weekly red visit applies).
  await page.getByRole('button', { name: '登记变化' }).filter({ visible: true }).first().click();
  await shown(page, '红色（高风险）').click();
  await page.getByRole('group', { name: '重大变化' }).locator('.nut-switch').click();
  await screenshot(page, 'visits-change');
  await button(page, '保存').click();
  await shown(page, /^红色（高风险） · /).waitFor();

  // 归档 with a coded reason only.
  await page.getByRole('button', { name: '归档' }).filter({ visible: true }).first().click();
  await button(page, '确认归档').click();
  await shown(page, '请选择原因').waitFor();
  await shown(page, '迁出本社区').click();
  await button(page, '确认归档').click();
  await shown(page, '已归档：不再走访，仅社区可查阅').waitFor();
  await shown(page, '已归档，不再安排走访').waitFor();
  await screenshot(page, 'visits-archived');

  // 恢复: archived by mistake, back on the register and owed a visit.
  await page.getByRole('button', { name: '恢复' }).filter({ visible: true }).first().click();
  await shown(page, '误归档').click();
  await button(page, '确认恢复').click();
  await shown(page, '登记变化').waitFor();
  expect(await page.getByText('已归档，不再安排走访').filter({ visible: true }).count()).toBe(0);
});

it('a visit drafted without network waits on the phone, is sent once when the network returns, and leaves the worklist', async () => {
  const person = await dueOf('elderly_alone');
  const { page, context } = await phone('member0101');
  await page.goto(`/#/visits/record/index?id=${person.id}`);
  await shown(page, '走访时间').waitFor();
  // Required answers left out: the form says which, before anything is sent.
  await button(page, '提交走访记录').click();
  await shown(page, '请回答：是否独居').waitFor();

  const group = (label: string) => page.getByRole('group', { name: label }).filter({ visible: true }).first();
  await group('是否独居').getByText('是', { exact: true }).click();
  await group('紧急联系人可联系').getByText('是', { exact: true }).click();
  await group('身体状况').locator('textarea').fill('血压平稳，按时服药');
  await group('走访情况').locator('textarea').fill('卫生间扶手松动，已告知家属');
  await group('走访后风险等级').getByText('黄色（重点）', { exact: true }).click();
  await shown(page, /^草稿已保存在本机/).waitFor();

  await context.setOffline(true);
  await button(page, '提交走访记录').click();
  await shown(page, '已保存在本机，等待发送').waitFor();
  await screenshot(page, 'visits-record-offline');

  // Still offline: a second try changes nothing and keeps it.
  await button(page, '立即发送').click();
  await shown(page, '已保存在本机，等待发送').waitFor();
  await context.setOffline(false);

  await page.goto('/#/visits/worklist/index');
  await shown(page, '1 条走访尚未发送').waitFor();
  await screenshot(page, 'visits-worklist-waiting');
  await button(page, '立即发送').click();
  await shown(page, '已发送 1 条').waitFor();

  const record = await api<{ person: PersonView; visits: { id: string; nextRisk: string }[] }>('member0101', 'GET', `/visits/people/${person.id}`);
  expect(record.person.risk).toBe('yellow');
  const sameDay = record.visits.filter((v) => v.nextRisk === 'yellow');
  expect(sameDay).toHaveLength(1);
  const worklist = await api<{ items: PersonView[] }>('member0101', 'GET', '/visits/worklist?limit=50');
  expect(worklist.items.map((p) => p.id)).not.toContain(person.id);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('gongzhi.visitDrafts')));
  expect(stored).toEqual([]);
});

it('a visit that finds a problem files a case at the compound in the same action', async () => {
  const person = await dueOf('elderly');
  const { page } = await phone('member0101');
  await page.goto(`/#/visits/record/index?id=${person.id}`);
  await shown(page, '走访时间').waitFor();
  const group = (label: string) => page.getByRole('group', { name: label }).filter({ visible: true }).first();
  await group('是否独居').getByText('否', { exact: true }).click();
  await group('身体状况').locator('textarea').fill('听力下降，需大声交流');
  await group('上报案件').locator('.nut-switch').click();
  // The picker opens once the service list has come.
  await shown(page, '请选择').waitFor();
  await page.getByRole('button', { name: '选择问题类型' }).filter({ visible: true }).first().click();
  await field(page, '搜索问题，如“井盖”“噪音”').fill('养老服务');
  await page.getByRole('button', { name: /养老服务$/ }).filter({ visible: true }).first().click();
  await field(page, '问题是什么、需要谁来处理').fill('老人家中卫生间需加装扶手，申请适老化改造');
  await addPhoto(page, '拍照', photo.file);
  // 同行人员: the grid's leader, from the grid's team.
  await group('同行人员').locator('.record-picker').click();
  await pickInOpenPicker(page, /（网格长）$/);
  await expect.poll(() => group('同行人员').locator('.record-picker').innerText()).not.toContain('独自走访');
  await screenshot(page, 'visits-record-form', { fullPage: true });
  await page.locator('.photo-tile--done').filter({ visible: true }).first().scrollIntoViewIfNeeded();
  await screenshot(page, 'visits-record-case');
  await button(page, '提交走访记录').click();
  await shown(page, '走访已记录').waitFor();
  await shown(page, /^已上报案件 /).waitFor();
  await screenshot(page, 'visits-record-sent');

  const record = await api<{ visits: { caseId: string | null; visitorIds: string[] }[] }>('member0101', 'GET', `/visits/people/${person.id}`);
  expect(record.visits[0].caseId).toMatch(/\S/);
  const leaderId = (await e2e!.server.signIn('grid0101')).account.id;
  expect(record.visits[0].visitorIds).toEqual([expect.any(String), leaderId]);
  const filed = await api<{ photos: unknown[] }>('member0101', 'GET', `/cases/${record.visits[0].caseId}`);
  expect(filed.photos).toHaveLength(1);
});

it('shows a resident nothing of it', async () => {
  const { page } = await phone('resident01');
  await page.goto('/#/visits/worklist/index');
  await shown(page, '入户走访仅对网格、社区和主管部门开放').waitFor();
  expect(await page.locator('.visit-person').count()).toBe(0);
});
