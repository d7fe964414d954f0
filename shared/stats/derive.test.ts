import { describe, expect, it } from 'vitest';
import { fileCase } from '../cases/machine';
import { bj, buildActor, buildContext, buildSubcategory, fixtures, runStory, type StoryStep } from '../cases/testing';
import type { CaseRecord } from '../cases/types';
import { HOUR_MS } from '../time/calendar';
import type { Counters } from './counters';
import { countedEventsOf, districtDayOf } from './derive';
import { addEvent, emptyTally, tallyOfEvents } from './fold';
import { countPlainly, randomHistories } from './testing';
import type { CountedEvent } from './types';

const sub = buildSubcategory();
const street = buildActor('street_dispatcher');
const reporter = buildActor('resident');
const unitA = buildActor('property_manager', { unitCode: 'U-A' });
const unitB = buildActor('property_manager', { unitCode: 'U-B' });
const system = buildActor('system');
const dispatchTo = (unitCode: string) => ({ type: 'dispatch' as const, leadUnitCode: unitCode, leadUnitType: 'property_company' as const });

function filed(at: Date, source: CaseRecord['source'] = 'resident_app'): CaseRecord {
  const result = fileCase(
    {
      id: 'case-s',
      number: 'BH-S',
      catalogVersion: 1,
      title: '电梯故障',
      description: '电梯停运',
      address: '包河区某小区',
      streetCode: fixtures.streetCode,
      gridCode: fixtures.gridCode,
      source,
      reporter: { accountId: fixtures.reporterId, role: 'resident', name: '王女士', anonymous: false },
      photos: [],
    },
    buildContext(reporter, at, sub),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.next;
}

const countsOf = (events: CountedEvent[]) => events.map((event) => [event.seq, event.dims.unitCode ?? null, event.counts] as const);

describe('countedEventsOf', () => {
  const start = bj('2026-03-09T09:00');
  const steps: StoryStep[] = [
    { actor: street, event: { type: 'accept' }, at: bj('2026-03-09T10:00') },
    { actor: street, event: dispatchTo('U-A'), at: bj('2026-03-09T11:00') },
    { actor: unitA, event: { type: 'return', reason: '不属于本单位' }, at: bj('2026-03-09T13:00') },
    { actor: street, event: dispatchTo('U-B'), at: bj('2026-03-09T14:00') },
    { actor: unitB, event: { type: 'claim' }, at: bj('2026-03-09T14:30') },
    { actor: unitB, event: { type: 'resolve', note: '已修复', photos: ['p'] }, at: bj('2026-03-09T16:00') },
    { actor: street, event: { type: 'verify' }, at: bj('2026-03-09T16:30') },
    { actor: street, event: { type: 'close' }, at: bj('2026-03-09T17:00') },
    { actor: reporter, event: { type: 'rate', resolved: 'partly', satisfaction: 4 }, at: bj('2026-03-10T09:00') },
  ];

  it('counts each step once, charging a return to the unit that returned it with the working time it held the case', () => {
    const { record } = runStory(filed(start), steps, sub);
    expect(countsOf(countedEventsOf(record))).toEqual([
      [1, null, { filed: 1, filedResident: 1 }],
      [2, null, { accepted: 1 }],
      [3, 'U-A', { dispatched: 1 }],
      // 11:00 to 13:00 holds one working hour: the lunch break is not working time.
      [4, 'U-A', { returned: 1, heldMsSum: HOUR_MS, heldCount: 1 }],
      [5, 'U-B', { dispatched: 1 }],
      [7, 'U-B', { resolved: 1, heldMsSum: 2 * HOUR_MS, heldCount: 1 }],
      [
        9,
        'U-B',
        {
          closed: 1,
          closedOnTime: 1,
          handlingMsSum: 8 * HOUR_MS,
          h1: 1,
          intakeMsSum: HOUR_MS,
          intakeCount: 1,
          dispatchMsSum: HOUR_MS,
          dispatchCount: 1,
          handleMsSum: 5 * HOUR_MS,
          handleCount: 1,
          verifyMsSum: HOUR_MS,
          verifyCount: 1,
        },
      ],
      [10, 'U-B', { ratings: 1, satisfactionSum: 4, satisfied: 1, ratedPartly: 1 }],
    ]);
  });

  it('keys events caseId:seq on the district-local day, and derives from a given seq only', () => {
    const late = filed(bj('2026-03-09T23:30'), 'hotline');
    const { record } = runStory(late, [{ actor: street, event: { type: 'accept' }, at: bj('2026-03-10T00:30') }], sub);
    expect(countedEventsOf(record).map((event) => [event.key, event.day])).toEqual([
      ['case-s:1', '2026-03-09'],
      ['case-s:2', '2026-03-10'],
    ]);
    expect(countedEventsOf(record, 2).map((event) => event.key)).toEqual(['case-s:2']);
    expect(countedEventsOf(record)[0]!.counts).toEqual({ filed: 1, filedHotline: 1 });
  });

  it('does not count a close as on time once the case clock has overrun, even after a reopening', () => {
    const { record } = runStory(
      filed(start),
      [
        { actor: street, event: { type: 'accept' }, at: bj('2026-03-09T10:00') },
        { actor: street, event: dispatchTo('U-A'), at: bj('2026-03-09T11:00') },
        { actor: unitA, event: { type: 'claim' }, at: bj('2026-03-09T11:30') },
        { actor: system, event: { type: 'case_overdue' }, at: bj('2026-03-13T12:00') },
        { actor: unitA, event: { type: 'resolve', note: '已修复', photos: ['p'] }, at: bj('2026-03-13T13:00') },
        { actor: street, event: { type: 'verify' }, at: bj('2026-03-13T14:00') },
        { actor: street, event: { type: 'close' }, at: bj('2026-03-13T15:00') },
      ],
      sub,
    );
    const closing = countedEventsOf(record).find((event) => event.counts.closed)!;
    expect(closing.counts.closedOnTime).toBeUndefined();
    expect(countedEventsOf(record).find((event) => event.counts.overdueCase)?.dims.unitCode).toBe('U-A');
  });

  it('reads the day in Beijing time', () => {
    expect(districtDayOf(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
    expect(districtDayOf(new Date('2026-03-09T15:59:59Z'))).toBe('2026-03-09');
  });
});

describe('counting a random history step by step (300 cases through the machine)', () => {
  const { finals, writes } = randomHistories(20_260_309, 300);

  it('derives at each write exactly the events a derivation of the final case gives, and puts them in the write’s effect', () => {
    const stepwise = new Map<string, CountedEvent[]>();
    for (const { written, previousLength, effects } of writes) {
      const events = countedEventsOf(written, previousLength + 1);
      const effect = effects.find((one) => one.type === 'stats.count');
      expect(effect ? effect.events : []).toEqual(events);
      stepwise.set(written.id, [...(stepwise.get(written.id) ?? []), ...events]);
    }
    for (const record of finals) expect(stepwise.get(record.id) ?? []).toEqual(countedEventsOf(record));
    // The histories reach what the statistics count: returns, reassignments, overruns, escalations, reopenings, ratings.
    const total = tallyOfEvents(finals.flatMap((record) => countedEventsOf(record))).total;
    const reached = ['returned', 'reassigned', 'closed', 'overdueStage', 'overdueCase', 'escalated', 'reopened', 'ratings', 'merged', 'rejected'] as const;
    expect(reached.filter((name) => !total[name])).toEqual([]);
  });

  it('folds the step-by-step events to the figures counted plainly from the final cases', () => {
    const tally = emptyTally();
    for (const { written, previousLength } of writes) for (const event of countedEventsOf(written, previousLength + 1)) addEvent(tally, event);
    const plain = countPlainly(finals);
    expect(tally.total).toEqual(plain.total);
    for (const [streetCode, counters] of Object.entries(plain.byStreet)) {
      expect(pick(tally.by.street[streetCode]!, ['filed', 'closed'])).toEqual(counters);
    }
    for (const [unitCode, counters] of Object.entries(plain.byUnit)) {
      expect(pick(tally.by.unit[unitCode]!, ['heldMsSum', 'returned', 'reassigned', 'resolved', 'dispatched'])).toEqual(counters);
    }
    expect(Object.fromEntries(Object.entries(tally.daily).flatMap(([day, counters]) => (counters.filed ? [[day, counters.filed]] : [])))).toEqual(plain.filedByDay);
  });
});

function pick(counters: Counters, names: (keyof Counters)[]): Counters {
  return Object.fromEntries(names.flatMap((name) => (counters[name] ? [[name, counters[name]]] : [])));
}
