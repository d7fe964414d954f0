import { addCounters, type Counters } from '../../shared/stats/counters';
import { breakdowns, type Breakdown, type CountDims, type CountedEvent, type Tally } from '../../shared/stats/types';

/** Counters on one day under some dimensions: the unit a test builds tallies from. */
export interface CountedDay {
  day: string;
  dims: CountDims;
  counts: Counters;
}

const dimOf: Record<Breakdown, (dims: CountDims) => string | undefined> = {
  street: (dims) => dims.streetCode,
  grid: (dims) => dims.gridCode,
  category: (dims) => dims.categoryCode,
  subcategory: (dims) => dims.subcategoryCode,
  unit: (dims) => dims.unitCode,
  source: (dims) => dims.source,
};

/** A tally holding exactly these counted days: the total, every breakdown, every day. */
export function tallyWith(...entries: CountedDay[]): Tally {
  const tally: Tally = { total: {}, by: Object.fromEntries(breakdowns.map((name) => [name, {}])) as Tally['by'], daily: {} };
  for (const { day, dims, counts } of entries) {
    tally.total = addCounters(tally.total, counts);
    tally.daily[day] = addCounters(tally.daily[day] ?? {}, counts);
    for (const name of breakdowns) {
      const code = dimOf[name](dims);
      if (code !== undefined) tally.by[name][code] = addCounters(tally.by[name][code] ?? {}, counts);
    }
  }
  return tally;
}

/** Dimensions of a case in the fixture district, overridable. */
export function countDims(overrides: Partial<CountDims> = {}): CountDims {
  return { streetCode: 'ST01', gridCode: 'ST01-G01', categoryCode: '05', subcategoryCode: '05.10', source: 'resident_app', ...overrides };
}

/** Counted events holding exactly these counted days, one per day, as the projection records them (keys of their own). */
export function eventsOfDays(entries: readonly CountedDay[]): CountedEvent[] {
  return entries.map(({ day, dims, counts }, index) => ({ key: `test-day-${index}:1`, caseId: `test-day-${index}`, seq: 1, at: `${day}T04:00:00.000Z`, day, dims, counts }));
}
