import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../shared/cases/types';
import { breakdowns, type DayRange, type StatsScope } from '../../shared/stats/types';
import { monthOfCounterDocument } from '../../shared/stats/documents';
import { emptyTally } from '../../shared/stats/fold';
import { countPlainly } from '../../shared/stats/testing';
import { rebuildStats } from '../commands/stats/rebuild';
import { mongoCaseStore } from '../db/case-store';
import { mongoStatsLedger, mongoStatsStore } from '../db/stats-store';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file, pointInGrid0101, uploadPhoto } from '../testing/cases';
import { drainEffects } from '../testing/jobs';

/**
 * The statistics projection end to end: a scripted history through the API (filings, a return,
 * a reassignment, overruns and escalations by the clock, urging, ratings, a reopening, a
 * rejection, a merge), the job runner recording and folding, then every figure of the district's
 * tally against a plain count from the stored cases, and the rebuild against the incremental result.
 */
let app: TestApp;
const ids: string[] = [];
const year: DayRange = { from: '2026-01-01', to: '2026-12-31' };

async function storedCases(): Promise<CaseRecord[]> {
  const store = mongoCaseStore(app.database);
  return Promise.all(ids.map(async (id) => (await store.findById(id))!));
}

/** Runs the effects and the fold until nothing is left to record or fold. */
async function settle(): Promise<void> {
  await drainEffects(app);
  await drainEffects(app);
}

async function resolveWithPhoto(username: string, id: string): Promise<void> {
  await act(app, username, id, 'resolve', { note: '已处置完毕', photos: [await uploadPhoto(app, username, 3)] });
}

beforeAll(async () => {
  app = await startTestApp({ label: 'stats_projection' });
  app.clock.set('2026-03-30T09:00:00+08:00');

  // The elevator: returned by the property company, reassigned, closed, rated, reopened and closed again.
  const elevator = await file(app, 'resident01', { subcategoryCode: '05.01', description: '3栋电梯运行中突然下坠，大家不敢再坐', compoundCode: 'C001' });
  ids.push(elevator.id);
  app.clock.advance(30 * 60_000);
  await act(app, 'street01', elevator.id, 'accept');
  await act(app, 'street01', elevator.id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
  app.clock.advance(2 * 3_600_000);
  await act(app, 'pm01', elevator.id, 'return', { reason: '需要维保单位处理，不属于物业职责' });
  await act(app, 'street01', elevator.id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
  app.clock.advance(3_600_000);
  await act(app, 'street01', elevator.id, 'reassign', { leadUnitCode: 'U-ST01-MARKET', leadUnitType: 'market_supervision', reason: '涉及特种设备安全，转市场监管' });
  await settle();
  app.clock.advance(3_600_000);
  await act(app, 'dept-market01', elevator.id, 'claim');
  await resolveWithPhoto('dept-market01', elevator.id);
  await act(app, 'street01', elevator.id, 'verify');
  await act(app, 'street01', elevator.id, 'close');
  app.clock.set('2026-04-01T10:00:00+08:00');
  await act(app, 'resident01', elevator.id, 'rate', { resolved: 'partly', satisfaction: 3 });
  await act(app, 'resident01', elevator.id, 'reopen', { reason: '电梯又出现异响' });
  await act(app, 'dept-market01', elevator.id, 'claim');
  await resolveWithPhoto('dept-market01', elevator.id);
  await act(app, 'street01', elevator.id, 'verify');
  await act(app, 'street01', elevator.id, 'close');
  await act(app, 'resident01', elevator.id, 'rate', { resolved: 'yes', satisfaction: 5 });

  // Rubbish found on patrol: urged, then overrun by the clock and escalated, closed late by the district.
  app.clock.set('2026-04-01T15:00:00+08:00');
  const rubbish = await file(app, 'member0101', { subcategoryCode: '01.01', description: '路边空地裸露堆放生活垃圾约半方', location: pointInGrid0101, photos: [await uploadPhoto(app, 'member0101')] });
  ids.push(rubbish.id);
  await act(app, 'street01', rubbish.id, 'accept');
  await act(app, 'street01', rubbish.id, 'dispatch', { leadUnitCode: 'U-ST01-SANITATION', leadUnitType: 'sanitation' });
  await act(app, 'street01', rubbish.id, 'urge', { note: '请尽快清运' });
  await settle();
  app.clock.set('2026-04-10T10:00:00+08:00');
  await settle();
  await act(app, 'sanitation01', rubbish.id, 'claim');
  await resolveWithPhoto('sanitation01', rubbish.id);
  await act(app, 'member0101', rubbish.id, 'verify');
  await act(app, 'district', rubbish.id, 'close');

  // Refused, merged, and escalated by hand and left open.
  const refused = await file(app, 'member0101', { subcategoryCode: '01.01', description: '同一处垃圾已有人报过一次了', location: pointInGrid0101, photos: [await uploadPhoto(app, 'member0101', 1)] });
  ids.push(refused.id);
  await act(app, 'street01', refused.id, 'reject', { reason: '不属于受理范围' });
  const open = await file(app, 'resident01', { subcategoryCode: '05.01', description: '5栋电梯门关不上，反复开合', compoundCode: 'C001' });
  ids.push(open.id);
  await act(app, 'street01', open.id, 'accept');
  await act(app, 'street01', open.id, 'escalate', { reason: '涉及多个单位，提请区中心协调' });
  await act(app, 'district', open.id, 'supervise', { note: '区中心督办' });
  const duplicate = await file(app, 'resident01', { subcategoryCode: '05.01', description: '5栋电梯门又关不上了，和之前一样', compoundCode: 'C001' });
  ids.push(duplicate.id);
  await act(app, 'district', duplicate.id, 'merge', { intoCaseId: open.id });
  await settle();
}, 600_000);
afterAll(async () => app.close());

describe('the statistics projection after a scripted history', () => {
  it('counts every figure of the district as a plain count of the stored cases does', async () => {
    const stats = mongoStatsStore(app.database);
    const plain = countPlainly(await storedCases());
    const district = await stats.tally({ kind: 'district' }, year);
    expect(district.total).toEqual(plain.total);
    // The history reached what is counted.
    for (const name of ['returned', 'reassigned', 'overdueStage', 'overdueCase', 'escalated', 'urged', 'supervised', 'reopened', 'ratings', 'rejected', 'merged', 'closedOnTime'] as const) {
      expect(district.total[name], name).toBeGreaterThan(0);
    }
    for (const [streetCode, counters] of Object.entries(plain.byStreet)) {
      expect({ filed: district.by.street[streetCode]?.filed, closed: district.by.street[streetCode]?.closed }).toEqual({ filed: counters.filed, closed: counters.closed });
    }
    for (const [unitCode, counters] of Object.entries(plain.byUnit)) {
      const row = district.by.unit[unitCode] ?? {};
      for (const name of Object.keys(counters) as (keyof typeof counters)[]) expect(row[name], `${unitCode} ${name}`).toBe(counters[name]);
    }
    expect(await stats.countedUntil()).not.toBeNull();
  });

  it('rebuilds from the stored cases exactly the figures counted step by step', async () => {
    const stats = mongoStatsStore(app.database);
    const district = await stats.tally({ kind: 'district' }, year);
    const scopes: StatsScope[] = [
      { kind: 'district' },
      ...Object.keys(district.by.street).map((streetCode) => ({ kind: 'street' as const, streetCode })),
      ...Object.keys(district.by.category).map((categoryCode) => ({ kind: 'category' as const, categoryCode })),
      ...Object.keys(district.by.grid).map((gridCode) => ({ kind: 'grid' as const, gridCode })),
      ...Object.keys(district.by.unit).map((unitCode) => ({ kind: 'unit' as const, unitCode })),
    ];
    const ranges: DayRange[] = [year, { from: '2026-03-30', to: '2026-04-01' }, { from: '2026-04-01', to: '2026-04-30' }];
    const before = await Promise.all(scopes.flatMap((scope) => ranges.map((range) => stats.tally(scope, range))));
    const report = await rebuildStats({ cases: mongoCaseStore(app.database), ledger: mongoStatsLedger(app.database), now: app.clock.now });
    expect(report.cases).toBe(ids.length);
    const after = await Promise.all(scopes.flatMap((scope) => ranges.map((range) => stats.tally(scope, range))));
    expect(after).toEqual(before);
    expect(Object.keys(district.by).sort()).toEqual([...breakdowns].sort());
    // Nothing left to fold: the rebuild counted what was recorded, and a re-run of the effects adds nothing.
    expect(await stats.fold(500, app.clock.now())).toBe(0);
  });

  it('rebuilds a month lost from the projection in bulk beside the documents it replaces, dropping one no case counts into', async () => {
    const stats = mongoStatsStore(app.database);
    const ledger = mongoStatsLedger(app.database);
    const ranges: DayRange[] = [year, { from: '2026-03-30', to: '2026-04-01' }, { from: '2026-04-01', to: '2026-04-30' }];
    const talliesOf = (store: typeof stats) => Promise.all(ranges.flatMap((range) => [store.tally({ kind: 'district' }, range), store.tally({ kind: 'street', streetCode: 'ST01' }, range)]));
    const tallies = () => talliesOf(stats);
    const before = await tallies();
    const stored = (await ledger.counterIds()).sort();
    const lost = stored.filter((id) => monthOfCounterDocument(id) === '2026-04');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.length).toBeLessThan(stored.length);
    await ledger.deleteCounters(lost);
    await ledger.insertCounters([{ id: 'district@d:2025-12-31', version: 1, lastFold: null, tally: emptyTally() }]);
    // Another process that read the damage keeps it only until the rebuild moves the months' stamps.
    const damagedReader = mongoStatsStore(app.database);
    expect(await talliesOf(damagedReader)).not.toEqual(before);

    const report = await rebuildStats({ cases: mongoCaseStore(app.database), ledger, now: app.clock.now });
    expect(report).toMatchObject({ documents: stored.length, dropped: 1 });
    expect((await ledger.counterIds()).sort()).toEqual(stored);
    expect(await tallies()).toEqual(before);
    expect(await talliesOf(damagedReader)).toEqual(before);
  });
});
