import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { screenshot, shown, startE2E, type E2E } from './support';

/**
 * 统计分析 in a phone against the real server: residents file a few cases, the projection counts
 * them (the fold runs every few seconds), then the district centre reads its dashboard (streets
 * compared, units league, a table behind a chart, an Excel export), a street centre its street's,
 * and anyone the public figures without signing in. Each leaves a screenshot.
 */

let e2e: E2E | undefined;

beforeAll(async () => {
  e2e = await startE2E('stats');
  await fileSomeCases(3);
});

afterAll(async () => {
  await e2e?.close();
});


async function api<T>(token: string | undefined, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${e2e!.server.base}/api/v1${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer as T;
}

interface Catalog {
  categories: { code: string; subcategories: { code: string; name: string; photoRequiredToFile: boolean }[] }[];
}
interface DashboardAnswer {
  scope: { name: string };
  totals: { filed: number };
}

/** Cases filed by a resident of C001 through the API, then waited for until the dashboard counts them. */
async function fileSomeCases(count: number): Promise<void> {
  const resident = await e2e!.server.signIn('resident01');
  const district = await e2e!.server.signIn('district');
  const catalog = await api<Catalog>(resident.token, 'GET', '/catalog');
  const compoundCode = resident.account.scope.compoundCodes![0];
  // One case in each of the first categories, in a subcategory that takes a report without a photo.
  const subcategories = catalog.categories.flatMap((category) => category.subcategories.filter((subcategory) => !subcategory.photoRequiredToFile).slice(0, 1)).slice(0, count);
  for (const [index, subcategory] of subcategories.entries()) {
    await api(resident.token, 'POST', '/cases', { subcategoryCode: subcategory.code, description: `统计演示：第${index + 1}件，${subcategory.name}`, compoundCode }, { 'Idempotency-Key': randomUUID() });
  }
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  for (let attempt = 0; ; attempt++) {
    const dashboard = await api<DashboardAnswer>(district.token, 'GET', `/stats/dashboard?from=${today.slice(0, 8)}01&to=${today}`);
    if (dashboard.totals.filed >= subcategories.length) return;
    if (attempt >= 30) throw new Error(`the dashboard counted ${dashboard.totals.filed} of ${subcategories.length} filed cases after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

async function phone(as?: string) {
  const opened = await e2e!.phone(as ? { as } : {});
  opened.context.setDefaultTimeout(20_000);
  return opened;
}

it('the district centre reads this month: totals against last month, streets, the units league, a table behind a chart and an Excel export', async () => {
  const { page } = await phone('district');
  await page.goto('/#/stats/dashboard/index');
  await shown(page, '包河区 · 统计分析').waitFor();
  await page.locator('.total').filter({ visible: true }).first().waitFor();
  await page.getByLabel(/^上报 \d/).filter({ visible: true }).first().waitFor();
  await shown(page, '按街镇').waitFor();
  await shown(page, '单位考核排行').waitFor();
  // The charts are drawn (ECharts puts its canvas in the chart's box).
  await page.locator('.stats-chart canvas').filter({ visible: true }).first().waitFor();
  await screenshot(page, 'stats-district-dashboard');

  await page.getByRole('button', { name: '查看按街镇的数据' }).filter({ visible: true }).first().click();
  const streets = page.getByRole('table', { name: '按街镇' }).filter({ visible: true }).first();
  await streets.waitFor();
  expect(await streets.getByRole('columnheader').allTextContents()).toEqual(['街镇', '上报', '结案', '按时结案率', '超时', '满意度']);
  await streets.scrollIntoViewIfNeeded();
  await screenshot(page, 'stats-district-street-table');

  const league = page.getByRole('table', { name: '单位考核排行' }).filter({ visible: true }).first();
  await league.scrollIntoViewIfNeeded();
  await screenshot(page, 'stats-district-league');

  const download = page.waitForEvent('download');
  await page.locator('.chart-card').filter({ has: page.getByText('单位考核排行', { exact: true }) }).locator('taro-button-core').filter({ hasText: '导出Excel' }).first().click();
  expect((await download).suggestedFilename()).toMatch(/^统计-units-.*\.xlsx$/);

  // 上月 asks again; the header follows.
  await page.getByRole('radio', { name: '上月' }).filter({ visible: true }).first().click();
  await expect.poll(() => page.getByRole('radio', { name: '上月' }).filter({ visible: true }).first().getAttribute('aria-checked')).toBe('true');
  await shown(page, '包河区 · 统计分析').waitFor();
});

it('a street centre sees its own street, its grids and no other street to choose', async () => {
  const street = await e2e!.server.signIn('street01');
  const { page } = await phone('street01');
  await page.goto('/#/stats/dashboard/index');
  await page.locator('.total').filter({ visible: true }).first().waitFor();
  const title = await page.locator('.stats-head__title').filter({ visible: true }).first().textContent();
  expect(title).toMatch(/ · 统计分析$/);
  expect(title).not.toBe('包河区 · 统计分析');
  expect(await page.getByRole('radiogroup', { name: '街镇' }).filter({ visible: true }).count()).toBe(0);
  await shown(page, '热点网格').waitFor();
  await page.locator('.stats-chart canvas').filter({ visible: true }).first().waitFor();
  await screenshot(page, 'stats-street-dashboard');

  // Another street's figures are refused by the server, whatever the app would ask.
  const other = await fetch(`${e2e!.server.base}/api/v1/stats/dashboard?from=2026-01-01&to=2026-01-31&streetCode=NO-SUCH-STREET`, { headers: { authorization: `Bearer ${street.token}` } });
  expect(other.status).toBeGreaterThanOrEqual(400);
  expect(other.status).toBeLessThan(500);
});

it('anyone reads the public figures without signing in, with charts and their tables', async () => {
  const { page } = await phone();
  await page.goto('/#/pages/public/index');
  await page.getByLabel('查看全区数据').filter({ visible: true }).first().click();
  await page.waitForURL(/#\/stats\/public\/index/);
  await shown(page, '包河区网格化服务数据').waitFor();
  await page.getByLabel(/^上报 \d/).filter({ visible: true }).first().waitFor();
  await shown(page, '按街镇 · 本月').waitFor();
  await page.locator('.stats-chart canvas').filter({ visible: true }).first().waitFor();
  await screenshot(page, 'stats-public-figures');

  await page.getByRole('radio', { name: '上线以来' }).filter({ visible: true }).first().click();
  await shown(page, '按问题大类 · 上线以来').waitFor();
  await page.getByRole('button', { name: '查看按问题大类 · 上线以来的数据' }).filter({ visible: true }).first().click();
  await page.getByRole('table', { name: '按问题大类 · 上线以来' }).filter({ visible: true }).first().waitFor();
  await screenshot(page, 'stats-public-figures-table', { fullPage: true });
});
