import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtFiguresSchema } from '../../../shared/api/figures';
import { runDueSystemEvents } from '../../commands/cases';
import { caseCommandDeps } from '../../wiring';
import { startTestApp, type TestApp } from '../../testing/app';
import { act, file, uploadPhoto } from '../../testing/cases';

/**
 * GET /api/v1/figures on the real engine, against a scripted set of cases whose every figure is
 * known: filed in January, in February, in the previous week of March and in this week; open,
 * closed on time, closed after the case clock ran out, rejected, rated.
 */

let app: TestApp;
/** A compound of the second street, so that the street shares are not all one street's. */
let st02Compound: string;

const propertyComplaint = (compoundCode = 'C001') => ({ subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode });
const elevatorFault = { subcategoryCode: '05.01', description: '3栋电梯运行中突然停在两层之间', compoundCode: 'C001' };

async function worked(id: string) {
  await act(app, 'street01', id, 'accept');
  await act(app, 'street01', id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
  await act(app, 'pm01', id, 'claim');
  await act(app, 'pm01', id, 'resolve', { note: '已处置完毕', photos: [await uploadPhoto(app, 'pm01')] });
  await act(app, 'member0101', id, 'verify');
}

/** Filed, worked and closed within the hour, then rated by its reporter. */
async function closedOnTime(reporter: string, at: string, satisfaction: number) {
  app.clock.set(at);
  const filed = await file(app, reporter, propertyComplaint());
  await worked(filed.id);
  await act(app, 'street01', filed.id, 'close');
  await act(app, reporter, filed.id, 'rate', { resolved: 'yes', satisfaction });
  return filed.id as string;
}

async function figures() {
  const response = await app.server.request('GET', '/api/v1/figures');
  expect(response.status).toBe(200);
  return { body: response.body, parsed: districtFiguresSchema.parse(response.body) };
}

beforeAll(async () => {
  app = await startTestApp({ label: 'figures', district: 'fixture' });
  st02Compound = [...app.reference.compounds.values()].find((compound) => compound.streetCode === 'ST02')!.code;

  // Since launch only: February, on time, rated 4.
  await closedOnTime('resident01', '2026-02-20T10:00:00+08:00', 4);
  // This month, the week before this one: one left open, one closed on time and rated 3.
  app.clock.set('2026-03-04T10:00:00+08:00');
  const open = await file(app, 'resident02', propertyComplaint());
  await act(app, 'street01', open.id, 'accept');
  await closedOnTime('resident02', '2026-03-04T11:00:00+08:00', 3);

  // This week (Monday 9 March).
  app.clock.set('2026-03-09T09:00:00+08:00');
  await file(app, 'resident01', propertyComplaint());
  await file(app, 'resident02', propertyComplaint(st02Compound));
  const rejected = await file(app, 'resident01', propertyComplaint());
  await act(app, 'street01', rejected.id, 'reject', { reason: '不属于受理范围' });
  // The elevator's case clock is 8.5 hours: the evening's clock check marks it overdue, then it is closed late.
  const late = await file(app, 'resident01', elevatorFault);
  await worked(late.id);
  app.clock.set('2026-03-09T20:00:00+08:00');
  await runDueSystemEvents(caseCommandDeps(app.database, app.reference, app.clock.now));
  const lateCase = await app.server.request('GET', `/api/v1/cases/${late.id}`, { token: await app.token('district') });
  expect(lateCase.body.caseClock.overdue).toBe(true);
  const closer = lateCase.body.allowedEvents.some((event: { type: string }) => event.type === 'close') ? 'district' : 'street01';
  await act(app, closer, late.id, 'close');
  await act(app, 'resident01', late.id, 'rate', { resolved: 'partly', satisfaction: 2 });
  await closedOnTime('resident01', '2026-03-10T09:30:00+08:00', 5);

  app.clock.set('2026-03-12T10:00:00+08:00');
}, 120_000);
afterAll(async () => app?.close());

const zeroElsewhere = (rows: { code: string; reported: number; closed: number }[], expected: Record<string, [number, number]>) =>
  Object.fromEntries(rows.filter((row) => row.reported || row.closed || expected[row.code]).map((row) => [row.code, [row.reported, row.closed]]));

describe('GET /api/v1/figures', () => {
  it('counts each period exactly: reported (no rejected), closed, closed on time, the rate and the satisfaction', async () => {
    const { parsed } = await figures();
    const totals = (period: typeof parsed.week) => ({
      from: period.from?.toISOString() ?? null,
      reported: period.reported,
      closed: period.closed,
      closedOnTime: period.closedOnTime,
      onTimeRate: period.onTimeRate,
      satisfaction: period.satisfaction,
    });
    expect(totals(parsed.week)).toEqual({ from: '2026-03-08T16:00:00.000Z', reported: 4, closed: 2, closedOnTime: 1, onTimeRate: 0.5, satisfaction: { average: 3.5, ratings: 2 } });
    expect(totals(parsed.month)).toEqual({ from: '2026-02-28T16:00:00.000Z', reported: 6, closed: 3, closedOnTime: 2, onTimeRate: 0.6667, satisfaction: { average: 3.33, ratings: 3 } });
    expect(totals(parsed.sinceLaunch)).toEqual({ from: null, reported: 7, closed: 4, closedOnTime: 3, onTimeRate: 0.75, satisfaction: { average: 3.5, ratings: 4 } });
    expect(parsed.timeZone).toBe('Asia/Shanghai');
  });

  it('splits reported and closed by top category (every category of the catalog, named) and by street (every street, named)', async () => {
    const { parsed } = await figures();
    const catalog = await app.reference.latestCatalog(app.clock.now().getTime());
    expect(parsed.sinceLaunch.byCategory.map(({ code, name }) => ({ code, name }))).toEqual(catalog.categories.map(({ code, name }) => ({ code, name })));
    expect(zeroElsewhere(parsed.week.byCategory, { '05': [4, 2] })).toEqual({ '05': [4, 2] });
    expect(zeroElsewhere(parsed.sinceLaunch.byCategory, { '05': [7, 4] })).toEqual({ '05': [7, 4] });

    const streets = [...app.reference.streets.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(parsed.week.byStreet.map(({ code, name }) => ({ code, name }))).toEqual(streets.map(({ code, name }) => ({ code, name })));
    expect(zeroElsewhere(parsed.week.byStreet, { ST01: [3, 2], ST02: [1, 0] })).toEqual({ ST01: [3, 2], ST02: [1, 0] });
    expect(zeroElsewhere(parsed.month.byStreet, { ST01: [5, 3], ST02: [1, 0] })).toEqual({ ST01: [5, 3], ST02: [1, 0] });
  });

  it('needs no sign-in and shows no personal data', async () => {
    const { body } = await figures();
    const text = JSON.stringify(body);
    for (const personal of ['resident', 'reporter', 'phone', 'description', '物业长期', 'U-PM-030', 'pm01']) expect(text).not.toContain(personal);
  });

  it('answers from its cache for 60 s, then counts again', async () => {
    const before = await figures();
    app.clock.advance(10_000);
    await file(app, 'resident02', propertyComplaint());
    app.clock.advance(49_000);
    const cached = await figures();
    expect(cached.body).toEqual(before.body);

    app.clock.advance(1_000);
    const fresh = await figures();
    expect(fresh.parsed.generatedAt.getTime()).toBe(app.clock.now().getTime());
    expect(fresh.parsed.week.reported).toBe(before.parsed.week.reported + 1);
    expect(fresh.parsed.sinceLaunch.reported).toBe(before.parsed.sinceLaunch.reported + 1);
  });
});
