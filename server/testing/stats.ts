import { addCounters, type Counters } from '../../shared/stats/counters';
import { breakdowns, scopeKeyOf, scopesOf, type Breakdown, type CountDims, type DayRange, type StatsScope, type Tally } from '../../shared/stats/types';
import type { StatsStore } from '../commands/ports';

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

/**
 * A read-only StatsStore over fixed counted days: each scope's tally is the days whose dimensions
 * belong to it, as the projection counts them. For route tests while the real adapters are not on
 * this branch (issue 10's write side): switch them to record + fold on the real store at merge.
 */
export function fixedStatsStore(entries: readonly CountedDay[], countedUntil: Date | null = null): StatsStore & { reads: { scope: string; range: DayRange }[] } {
  const reads: { scope: string; range: DayRange }[] = [];
  return {
    reads,
    record: async () => {
      throw new Error('fixedStatsStore is read-only');
    },
    fold: async () => 0,
    tally: async (scope: StatsScope, range: DayRange) => {
      const key = scopeKeyOf(scope);
      reads.push({ scope: key, range });
      return tallyWith(...entries.filter((entry) => entry.day >= range.from && entry.day <= range.to && scopesOf(entry.dims).some((of) => scopeKeyOf(of) === key)));
    },
    countedUntil: async () => countedUntil,
  };
}
