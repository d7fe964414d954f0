import type { CaseSource } from '../cases/types';
import type { Counters } from './counters';

/** What an event is counted under: the case's place and category, its source, and the unit charged. */
export interface CountDims {
  streetCode: string;
  gridCode: string;
  /** Top category (大类). */
  categoryCode: string;
  subcategoryCode: string;
  source: CaseSource;
  /** The unit the event is charged to (the lead unit at the time, or the unit that returned it); none before dispatch. */
  unitCode?: string;
}

/**
 * One step of a case as the statistics count it, derived from the case's timeline only (entries
 * up to `seq` and the case's fixed fields), so that counting a case step by step as it happens and
 * counting its stored history afterwards (the rebuild) give the same events.
 */
export interface CountedEvent {
  /** `caseId:seq`: unique for ever; the projection applies each key once. */
  key: string;
  caseId: string;
  seq: number;
  /** When it happened (ISO). */
  at: string;
  /** The district-local day it counts on (YYYY-MM-DD, Asia/Shanghai). */
  day: string;
  dims: CountDims;
  counts: Counters;
}

/** The dimensions a tally breaks its counters down by. */
export const breakdowns = ['street', 'grid', 'category', 'subcategory', 'unit', 'source'] as const;
export type Breakdown = (typeof breakdowns)[number];

/**
 * Counters of one scope over one stretch of days: the total, each breakdown by code, and the
 * total of each day (for trends). What a counter document holds, and what reading a period answers.
 */
export interface Tally {
  total: Counters;
  by: Record<Breakdown, Record<string, Counters>>;
  /** Day (YYYY-MM-DD) → that day's total. */
  daily: Record<string, Counters>;
}

/**
 * Whose figures a tally holds. Every event is counted into each scope it belongs to, so each
 * dashboard (district, a street, a category, a street's category, a grid, a unit) reads its own
 * few documents and never filters another scope's.
 */
export type StatsScope =
  | { kind: 'district' }
  | { kind: 'street'; streetCode: string }
  | { kind: 'category'; categoryCode: string }
  | { kind: 'street_category'; streetCode: string; categoryCode: string }
  | { kind: 'grid'; gridCode: string }
  | { kind: 'unit'; unitCode: string };

/** The stable key of a scope, part of the counter documents' ids: `district`, `street:ST01`, `street:ST01|category:01`… */
export function scopeKeyOf(scope: StatsScope): string {
  switch (scope.kind) {
    case 'district':
      return 'district';
    case 'street':
      return `street:${scope.streetCode}`;
    case 'category':
      return `category:${scope.categoryCode}`;
    case 'street_category':
      return `street:${scope.streetCode}|category:${scope.categoryCode}`;
    case 'grid':
      return `grid:${scope.gridCode}`;
    case 'unit':
      return `unit:${scope.unitCode}`;
  }
}

/** Every scope an event with these dimensions counts in. */
export function scopesOf(dims: CountDims): StatsScope[] {
  return [
    { kind: 'district' },
    { kind: 'street', streetCode: dims.streetCode },
    { kind: 'category', categoryCode: dims.categoryCode },
    { kind: 'street_category', streetCode: dims.streetCode, categoryCode: dims.categoryCode },
    { kind: 'grid', gridCode: dims.gridCode },
    ...(dims.unitCode ? [{ kind: 'unit' as const, unitCode: dims.unitCode }] : []),
  ];
}

/** An inclusive range of district-local days, YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}
