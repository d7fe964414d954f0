import { afterAll, beforeAll, expect, it } from 'vitest';
import { button, field, screenshot, shown, startE2E, taroStorageValue, type E2E } from './support';

/**
 * A resident's side of 议事协商 against the real server: community01 (居委会) opens a poll in
 * resident01's compound through the API; resident01 finds it on the home page and in 小区议事,
 * votes through the confirmation, keeps the receipt and checks it, sees the live results, is told
 * she has voted when she comes back, and claims a second home that waits for review. Once the
 * committee closes the poll its results are public: a signed-out visitor reads them. In 长辈模式
 * voting still works.
 */

let e2e: E2E | undefined;

beforeAll(async () => {
  e2e = await startE2E('polls-resident');
});

afterAll(async () => {
  await e2e?.close();
});




async function api<T>(token: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${e2e!.server.base}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function ok<T>(token: string, method: string, route: string, body?: unknown): Promise<T> {
  const answer = await api<T>(token, method, route, body);
  if (answer.status >= 300) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

interface Home {
  status: string;
  compound: { code: string; name: string };
}

/** resident01's verified home (demo seed), claimed and verified through the API if the seed has none. */
async function verifiedHome(residentToken: string, communityToken: string, compoundCode: string): Promise<Home> {
  const mine = await ok<{ items: Home[] }>(residentToken, 'GET', '/memberships/mine');
  const found = mine.items.find((home) => home.status === 'verified');
  if (found) return found;
  const compound = await ok<{ buildings: { code: string }[] }>(residentToken, 'GET', `/compounds/${compoundCode}`);
  const claim = await ok<{ id: string; revision: number }>(residentToken, 'POST', '/memberships', { compoundCode, buildingCode: compound.buildings[0].code, unit: '1', room: '909', relation: 'owner' });
  return ok<Home>(communityToken, 'POST', `/memberships/${claim.id}/verify`, { revision: claim.revision });
}

async function openPoll(communityToken: string, compoundCode: string, title: string): Promise<string> {
  const now = Date.now();
  const draft = await ok<{ id: string; version: number }>(communityToken, 'POST', '/polls', {
    title,
    background: '3号楼北侧空地常年堆放杂物，楼道里停放电动车充电有火灾隐患。居委会与物业商议，拟在北侧空地建电动车棚并安装充电桩，费用由公共收益列支，请各户表决。',
    scope: { kind: 'compound', compoundCode },
    questions: [
      { text: '是否同意在3号楼北侧建电动车棚？', kind: 'single', options: [{ text: '同意' }, { text: '不同意' }, { text: '弃权' }] },
      { text: '希望车棚具备哪些设施？', kind: 'multiple', maxChoices: 2, options: [{ text: '充电桩' }, { text: '监控' }, { text: '灭火器' }] },
    ],
    votesPer: 'household',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
    resultsVisibility: 'live',
    publicResults: true,
    quorum: 0.5,
    pass: { optionIndex: 0, threshold: 2 / 3, rule: 'at_least' },
  });
  const opened = await ok<{ id: string; phase: string }>(communityToken, 'POST', `/polls/${draft.id}/open`, { version: draft.version });
  expect(opened.phase).toBe('voting');
  return draft.id;
}

it('a resident finds the poll, votes once through the confirmation, checks her receipt, sees results, and claims a second home', async () => {
  const resident = await e2e!.phone({ as: 'resident01' });
  resident.context.setDefaultTimeout(20_000);
  const { page } = resident;
  const community = await e2e!.server.signIn('community01');
  const residentToken = resident.session!.token;
  const compoundCode = resident.session!.account.scope.compoundCodes![0];
  const home = await verifiedHome(residentToken, community.token, compoundCode);
  const title = '3号楼北侧建电动车棚';
  const pollId = await openPoll(community.token, home.compound.code, title);

  await page.goto('/');
  await shown(page, '小区议事').waitFor();
  await shown(page, title).waitFor();

  await page.goto('/#/community/polls/index');
  await shown(page, title).waitFor();
  await screenshot(page, 'poll-resident-list');

  await shown(page, title).click();
  await shown(page, /是否同意在3号楼北侧建电动车棚？/).waitFor();
  await shown(page, '同意').click();
  await shown(page, '充电桩').click();
  await shown(page, '监控').click();
  await shown(page, '灭火器').click();
  // The third choice of a two-choice question is held back before anything is sent.
  await shown(page, '最多选择2项').waitFor();
  await shown(page, /^1\. 是否同意/).scrollIntoViewIfNeeded();
  await screenshot(page, 'poll-resident-vote');

  await button(page, '投票').click();
  await shown(page, '确认投票').waitFor();
  await shown(page, '选票一经投出不能更改或撤回。').waitFor();
  await screenshot(page, 'poll-resident-confirm');
  await button(page, '确认投出').click();

  const receipt = (await page.locator('.poll-receipt__code').filter({ visible: true }).first().textContent())?.trim() ?? '';
  expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await shown(page, '投票成功').waitFor();
  await page.locator('.poll-receipt').filter({ visible: true }).first().evaluate((node) => node.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'poll-resident-receipt');

  await field(page, '如 7KQ2-M9XD-4RTA-PW3E').fill(receipt);
  await button(page, '查验').click();
  await shown(page, /您的选票(已计入|已收到)/).waitFor();
  await shown(page, '充电桩、监控').waitFor();
  await shown(page, '实时结果').scrollIntoViewIfNeeded();
  await screenshot(page, 'poll-resident-results');

  // Coming back: the form is gone and she is told why; the API refuses a second ballot too.
  await page.reload();
  await shown(page, '您已投票').waitFor();
  await shown(page, '您（或您家）已经投过票，投票后不能更改').waitFor();
  expect(await page.getByText('确认投出').filter({ visible: true }).count()).toBe(0);
  const asked = await ok<{ questions: { id: string; options: { id: string }[] }[] }>(residentToken, 'GET', `/polls/${pollId}`);
  const ballot = Object.fromEntries(asked.questions.map((question) => [question.id, [question.options[1].id]]));
  const again = await api<{ error: { code: string } }>(residentToken, 'POST', `/polls/${pollId}/votes`, { choices: ballot });
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('poll.already_voted');

  // A second home: claimed in 我的房屋, waiting for the committee.
  const compound = await ok<{ name: string; buildings: { code: string; name: string }[] }>(residentToken, 'GET', `/compounds/${home.compound.code}`);
  const building = compound.buildings[compound.buildings.length - 1];
  await page.goto('/#/community/homes/index');
  await shown(page, '已认证').waitFor();
  await button(page, '+ 认证房屋').click();
  await shown(page, '请选择小区').click();
  await field(page, '搜索小区名称').fill(compound.name);
  await page.locator('.compound-search .nut-cell').filter({ hasText: compound.name }).first().click();
  await shown(page, building.name).click();
  await field(page, '如 1').fill('2');
  await field(page, '如 302').fill('1502');
  await shown(page, '租户').click();
  await button(page, '提交认证').click();
  await shown(page, '待审核').waitFor();
  await page.getByText('已提交，等待审核').waitFor({ state: 'hidden' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'poll-resident-homes');
  const mine = await ok<{ items: { status: string; room: string }[] }>(residentToken, 'GET', '/memberships/mine');
  expect(mine.items.some((item) => item.room === '1502' && item.status === 'pending')).toBe(true);
  expect(resident.errors).toEqual([]);

  // The committee closes the poll; once every ballot is counted the results are public.
  const current = await ok<{ version: number }>(community.token, 'GET', `/polls/${pollId}`);
  await ok(community.token, 'POST', `/polls/${pollId}/close`, { version: current.version });
  await expect
    .poll(async () => (await ok<{ results: { final: boolean; ballots: number } | null }>(community.token, 'GET', `/polls/${pollId}`)).results, { timeout: 30_000, interval: 1_000 })
    .toMatchObject({ final: true, ballots: 1 });
  const visitor = await e2e!.phone();
  visitor.context.setDefaultTimeout(20_000);
  await visitor.page.goto(`/#/community/poll/index?id=${pollId}`);
  await shown(visitor.page, '投票结果').waitFor();
  await shown(visitor.page, '投票已结束，以上为最终结果').waitFor();
  await shown(visitor.page, '1票 · 100%').waitFor();
  await shown(visitor.page, '投票结果').scrollIntoViewIfNeeded();
  await screenshot(visitor.page, 'poll-public-results');

  // Her receipt now says counted.
  const checked = await ok<{ status: string }>(residentToken, 'POST', `/polls/${pollId}/receipt`, { receipt });
  expect(checked.status).toBe('counted');
});

it('in 长辈模式 the poll page is larger and voting still works', async () => {
  const elder = await e2e!.phone({ as: 'resident01' });
  elder.context.setDefaultTimeout(20_000);
  await elder.context.addInitScript((stored) => localStorage.setItem('gongzhi.preferences', stored), taroStorageValue({ elder: true }));
  const community = await e2e!.server.signIn('community01');
  const compoundCode = elder.session!.account.scope.compoundCodes![0];
  const home = await verifiedHome(elder.session!.token, community.token, compoundCode);
  const pollId = await openPoll(community.token, home.compound.code, '小区南门加装道闸');
  const { page } = elder;
  await page.goto(`/#/community/poll/index?id=${pollId}`);
  await shown(page, /是否同意在3号楼北侧建电动车棚？/).waitFor();
  const size = await shown(page, /是否同意在3号楼北侧建电动车棚？/).evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
  expect(size).toBeGreaterThan(17);
  await shown(page, '不同意').click();
  await shown(page, '灭火器').click();
  await shown(page, /^1\. 是否同意/).scrollIntoViewIfNeeded();
  await screenshot(page, 'poll-resident-elder');
  await button(page, '投票').click();
  await button(page, '确认投出').click();
  await shown(page, '投票成功').waitFor();
  expect(elder.errors).toEqual([]);
});
