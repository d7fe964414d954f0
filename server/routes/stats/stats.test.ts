import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardSchema, publicStatsSchema } from '../../../shared/api/stats';
import type { CountDims } from '../../../shared/stats/types';
import { startTestApp, type TestApp } from '../../testing/app';
import { mongoStatsStore } from '../../db/stats-store';
import { countDims, eventsOfDays, type CountedDay } from '../../testing/stats';

/**
 * The statistics routes on the real engine, over counted days recorded and folded through the real
 * projection store. Two streets, each with its grid and unit; March this period, late February the
 * one before.
 */

let app: TestApp;
const days: CountedDay[] = [];
let own: { street: string; grid: string; unit: string };
let other: { street: string; grid: string; unit: string };

const march = 'from=2026-03-01&to=2026-03-12';

async function get(path: string, username?: string) {
  return app.server.request('GET', path, username ? { token: await app.token(username) } : {});
}

async function dashboard(username: string, query = march) {
  const response = await get(`/api/v1/stats/dashboard?${query}`, username);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return dashboardSchema.parse(response.body);
}

async function download(username: string, query: string) {
  const token = await app.token(username);
  const response = await fetch(`${app.server.url}/api/v1/stats/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  app = await startTestApp({ label: 'stats', district: 'fixture' });
  app.clock.set('2026-03-12T10:00:00+08:00');
  const street = await app.actor('street01');
  const grid = await app.actor('grid0101');
  const unit = await app.actor('pm01');
  if (street.role !== 'street_dispatcher' || grid.role !== 'grid_leader' || unit.role !== 'property_manager') throw new Error('unexpected demo roles');
  own = { street: street.scope.streetCode, grid: grid.scope.gridCode, unit: unit.scope.unitCode };
  const otherStreet = [...app.reference.streets.keys()].find((code) => code !== own.street)!;
  other = {
    street: otherStreet,
    grid: [...app.reference.grids.values()].find((candidate) => candidate.streetCode === otherStreet)!.code,
    unit: app.reference.units.find((candidate) => candidate.code !== own.unit)!.code,
  };
  const ours = (overrides: Partial<CountDims> = {}) => countDims({ streetCode: own.street, gridCode: own.grid, unitCode: own.unit, ...overrides });
  const theirs = countDims({ streetCode: other.street, gridCode: other.grid, unitCode: other.unit, categoryCode: '01', subcategoryCode: '01.01' });
  days.push(
    { day: '2026-02-20', dims: ours(), counts: { filed: 5 } },
    { day: '2026-03-02', dims: ours(), counts: { filed: 3, closed: 2, closedOnTime: 1, ratings: 2, satisfactionSum: 9, satisfied: 2, h1: 2 } },
    { day: '2026-03-10', dims: ours({ subcategoryCode: '05.01' }), counts: { filed: 2, overdueCase: 1, overdueStage: 1 } },
    { day: '2026-03-05', dims: theirs, counts: { filed: 4, closed: 4, closedOnTime: 4, urged: 1 } },
  );
  const stats = mongoStatsStore(app.database);
  await stats.record(eventsOfDays(days));
  while ((await stats.fold(500, new Date('2026-03-12T01:59:50Z'))) > 0);
}, 120_000);
afterAll(async () => app?.close());

describe('GET /api/v1/stats/dashboard', () => {
  it('gives the district centre the whole district: totals against the period before, every street, the league, a daily trend', async () => {
    const board = await dashboard('district');
    expect(board.scope).toEqual({ kind: 'district', name: '包河区' });
    expect(board.period).toEqual({ from: '2026-03-01', to: '2026-03-12', days: 12 });
    expect(board.previous).toEqual({ from: '2026-02-17', to: '2026-02-28' });
    expect(board.totals).toMatchObject({ filed: 9, closed: 6, closedOnTime: 5, onTimeRate: 0.8333, overdue: 2, urged: 1, satisfactionAverage: 4.5 });
    expect(board.previousTotals.filed).toBe(5);
    // Our fold's time, or a later one's if the test app's runner folded (nothing) after it.
    expect(board.countedUntil!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-03-12T01:59:50Z'));

    expect(board.streets!.map((row) => row.code)).toEqual([...app.reference.streets.keys()].sort());
    expect(board.streets!.find((row) => row.code === own.street)).toMatchObject({ name: app.reference.streets.get(own.street)!.name, filed: 5, closed: 2 });
    expect(board.units!.map((row) => [row.code, row.onTimeRate])).toEqual([
      [other.unit, 1],
      [own.unit, 0.5],
    ]);
    expect(board.subcategories!.map((row) => [row.code, row.filed])).toEqual([
      ['01.01', 4],
      ['05.10', 3],
      ['05.01', 2],
    ]);
    expect(board.grids!.map((row) => row.code)).toEqual([own.grid, other.grid]);
    expect(board.trend.granularity).toBe('day');
    expect(board.trend.points).toHaveLength(12);
    expect(board.trend.points.find((point) => point.from === '2026-03-10')).toEqual({ from: '2026-03-10', filed: 2, closed: 0, closedOnTime: 0, overdue: 2 });
    expect(board.filters.streets).toHaveLength(app.reference.streets.size);
    expect(board.filters.categories.length).toBeGreaterThan(0);
  });

  it('narrows the district centre to a street and a category on request', async () => {
    const board = await dashboard('district', `${march}&streetCode=${other.street}&categoryCode=01`);
    expect(board.scope.kind).toBe('street_category');
    expect(board.totals.filed).toBe(4);
  });

  it("gives a street centre its own street only, with no other street's units or grids", async () => {
    const board = await dashboard('street01');
    expect(board.scope).toEqual({ kind: 'street', name: app.reference.streets.get(own.street)!.name });
    expect(board.totals.filed).toBe(5);
    expect(board.streets).toBeUndefined();
    expect(board.units!.map((row) => row.code)).toEqual([own.unit]);
    expect(board.grids!.map((row) => row.code)).toEqual([own.grid]);
    expect(board.filters.streets.map((street) => street.code)).toEqual([own.street]);
    expect(JSON.stringify(board)).not.toContain(other.unit);
  });

  it("refuses a street centre another street's figures (403 stats.out_of_scope)", async () => {
    const response = await get(`/api/v1/stats/dashboard?${march}&streetCode=${other.street}`, 'street01');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('stats.out_of_scope');
  });

  it('gives a unit itself and a grid leader the grid, and refuses them any filter', async () => {
    const unit = await dashboard('pm01');
    expect(unit.scope).toEqual({ kind: 'unit', name: app.reference.unitsByCode.get(own.unit)!.name });
    expect(unit.totals.filed).toBe(5);
    expect(unit.units).toBeUndefined();
    expect(unit.filters).toEqual({ streets: [], categories: [] });
    const grid = await dashboard('grid0101');
    expect(grid.scope.kind).toBe('grid');
    expect(grid.totals.filed).toBe(5);

    const filtered = await get(`/api/v1/stats/dashboard?${march}&streetCode=${own.street}`, 'pm01');
    expect(filtered.status).toBe(403);
    expect(filtered.body.error.code).toBe('stats.out_of_scope');
  });

  it('refuses residents and committees (403 stats.forbidden) and asks for a sign-in without a token (401)', async () => {
    for (const username of ['resident01', 'community01']) {
      const response = await get(`/api/v1/stats/dashboard?${march}`, username);
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('stats.forbidden');
    }
    expect((await get(`/api/v1/stats/dashboard?${march}`)).status).toBe(401);
  });

  it.each([
    ['from=2026-03-10&to=2026-03-01', 'from'],
    ['from=2025-01-01&to=2026-03-12', 'to'],
    ['from=2026-03-01&to=2026-03-13', 'to'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
  ])('answers 422 stats.invalid_range with field errors for %s', async (query, field) => {
    const response = await get(`/api/v1/stats/dashboard?${query}`, 'district');
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('stats.invalid_range');
    expect(Object.keys(response.body.error.details.fields)).toEqual([field]);
  });

  it('answers 422 stats.unknown_filter, naming the field, for a street or a category that does not exist', async () => {
    const response = await get(`/api/v1/stats/dashboard?${march}&streetCode=NOPE&categoryCode=zz`, 'district');
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('stats.unknown_filter');
    expect(Object.keys(response.body.error.details.fields).sort()).toEqual(['categoryCode', 'streetCode']);
    const export_ = await get(`/api/v1/stats/export?${march}&categoryCode=zz&table=subcategories&format=csv`, 'street01');
    expect(export_.status).toBe(422);
  });

  it('answers 400 with field errors for a malformed date or an unknown parameter', async () => {
    const response = await get('/api/v1/stats/dashboard?from=3月1日&to=2026-03-12&unit=U1', 'district');
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.details.fields).sort()).toEqual(['from', 'unit']);
  });
});

describe('GET /api/v1/stats/export', () => {
  it('writes a CSV with a BOM, the scope, the period, the filter and the export time, then the table under Chinese headers', async () => {
    const file = await download('district', `${march}&categoryCode=05&table=units&format=csv`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toContain('filename="stats-units-2026-03-01-2026-03-12.csv"');
    const text = file.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n').map((line) => line.split(','));
    const categoryName = (await app.reference.latestCatalog()).categories.find((category) => category.code === '05')!.name;
    expect(lines[0]).toEqual([`${categoryName} · 单位考核排行`]);
    expect(lines.slice(1, 6)).toEqual([
      ['统计范围', categoryName],
      ['统计区间', '2026-03-01 至 2026-03-12（12天，北京时间）'],
      ['筛选', `街镇：全部；大类：${categoryName}`],
      ['统计截至', '2026-03-12 09:59:50'],
      ['导出时间', '2026-03-12 10:00:00'],
    ]);
    const header = lines[7]!;
    expect(header.slice(0, 4)).toEqual(['编码', '名称', '上报', '受理']);
    const row = Object.fromEntries(header.map((name, index) => [name, lines[8]![index]]));
    expect(row).toMatchObject({ 编码: own.unit, 上报: '5', 结案: '2', 按时结案率: '50.00%', 超时: '2', 平均满意度: '4.5', 评价数: '2' });
    expect(lines).toHaveLength(9);
  });

  it('writes an Excel file that reads back with the same title, filter and rows', async () => {
    const file = await download('street01', `${march}&table=trend&format=xlsx`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    const streetName = app.reference.streets.get(own.street)!.name;
    expect(sheet.name).toBe('趋势');
    expect(values(1)).toEqual([`${streetName} · 趋势`]);
    expect(values(4)).toEqual(['筛选', `街镇：${streetName}；大类：全部`]);
    expect(values(6)).toEqual(['导出时间', '2026-03-12 10:00:00']);
    expect(values(8)).toEqual(['起始日期（按日）', '上报', '结案', '按时结案', '超时']);
    expect(values(9)).toEqual(['2026-03-01', 0, 0, 0, 0]);
    expect(values(10)).toEqual(['2026-03-02', 3, 2, 1, 0]);
    expect(sheet.rowCount).toBe(8 + 12);
  });

  it('keeps the scope rules, and refuses a table the scope does not have (422)', async () => {
    expect((await download('street01', `${march}&streetCode=${other.street}&table=units&format=csv`)).status).toBe(403);
    expect((await download('resident01', `${march}&table=trend&format=csv`)).status).toBe(403);
    const missing = await download('street01', `${march}&table=streets&format=csv`);
    expect(missing.status).toBe(422);
    expect(JSON.parse(missing.bytes.toString('utf8')).error.code).toBe('stats.table_unavailable');
    expect((await download('district', `${march}&table=units&format=pdf`)).status).toBe(400);
  });
});

describe('GET /api/v1/stats/public', () => {
  it('needs no sign-in and gives this week, this month and since launch, by category and street, with no unit or grid', async () => {
    const response = await get('/api/v1/stats/public');
    expect(response.status).toBe(200);
    const stats = publicStatsSchema.parse(response.body);
    expect(stats.periods.map((period) => [period.key, period.label, period.from, period.to])).toEqual([
      ['week', '本周', '2026-03-09', '2026-03-12'],
      ['month', '本月', '2026-03-01', '2026-03-12'],
      ['sinceLaunch', '上线以来', '2026-01-01', '2026-03-12'],
    ]);
    expect(stats.periods.map((period) => period.totals.filed)).toEqual([2, 9, 14]);
    expect(stats.periods[1]!.totals).toEqual({ filed: 9, closed: 6, closedOnTime: 5, onTimeRate: 0.8333, satisfactionAverage: 4.5, ratings: 2 });
    expect(stats.periods[2]!.byStreet.find((street) => street.code === own.street)).toMatchObject({ filed: 10, closed: 2 });
    const text = JSON.stringify(response.body);
    for (const hidden of [own.unit, other.unit, own.grid, other.grid]) expect(text).not.toContain(hidden);
  });
});
