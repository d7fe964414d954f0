export { districtDayOf } from './derive';
import type { DashboardTable, FigureRow, TrendPoint } from '../api/stats';
import { addCounters, medianHandlingHours, type Counters } from './counters';
import type { DayRange, StatsScope, Tally } from './types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The earliest day a period may start on. */
export const earliestDay = '2000-01-01';

/** The longest period a dashboard reads: a year, leap day included. */
export const maxRangeDays = 366;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const ratio = (part: number, whole: number, digits: number) => (whole ? round(part / whole, digits) : null);

/**
 * One row of figures from a counter set: counts as they are, rates to 4 decimals, the average
 * satisfaction to 2, hours to 1; a rate or average with nothing under it is null, not 0.
 */
export function figureRowOf(code: string, name: string, counters: Counters): FigureRow {
  const n = (counter: keyof Counters) => counters[counter] ?? 0;
  return {
    code,
    name,
    filed: n('filed'),
    accepted: n('accepted'),
    rejected: n('rejected'),
    merged: n('merged'),
    dispatched: n('dispatched'),
    returned: n('returned'),
    reassigned: n('reassigned'),
    resolved: n('resolved'),
    closed: n('closed'),
    closedOnTime: n('closedOnTime'),
    onTimeRate: ratio(n('closedOnTime'), n('closed'), 4),
    overdue: n('overdueStage') + n('overdueCase'),
    warned: n('warned'),
    urged: n('urged'),
    escalated: n('escalated'),
    supervised: n('supervised'),
    reopened: n('reopened'),
    ratings: n('ratings'),
    satisfactionAverage: ratio(n('satisfactionSum'), n('ratings'), 2),
    satisfiedRate: ratio(n('satisfied'), n('ratings'), 4),
    resolvedRate: ratio(n('ratedResolved'), n('ratings'), 4),
    medianHandlingHours: medianHandlingHours(counters),
    averageHandlingHours: ratio(n('handlingMsSum') / HOUR_MS, n('closed'), 1),
    averageHeldHours: ratio(n('heldMsSum') / HOUR_MS, n('heldCount'), 1),
  };
}


const epochDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOfEpoch = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** `day` moved by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  return dayOfEpoch(epochDay(day) + days);
}

/** How many days an inclusive range holds. */
export function daysIn(range: DayRange): number {
  return epochDay(range.to) - epochDay(range.from) + 1;
}

/** Whether a YYYY-MM-DD string names a day of the calendar (not 2026-02-30). */
export function isCalendarDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(epochDay(day)) && dayOfEpoch(epochDay(day)) === day;
}

/**
 * What is wrong with a requested period, as field errors (none: undefined): each end a real day,
 * from not after to, at most {@link maxRangeDays} days, and no day after `today` (nothing is
 * counted there yet, and a period reaching into it would compare badly with the one before).
 */
export function rangeProblems(range: DayRange, today: string): Record<string, string[]> | undefined {
  const problems: Record<string, string[]> = {};
  if (!isCalendarDay(range.from)) problems.from = ['不是有效的日期'];
  // Long before the platform, and the period before it must still be a four-digit year.
  else if (range.from < earliestDay) problems.from = [`不能早于${earliestDay}`];
  if (!isCalendarDay(range.to)) problems.to = ['不是有效的日期'];
  else if (range.to > today) problems.to = [`不能晚于今天（${today}）`];
  if (!problems.from && !problems.to) {
    if (range.from > range.to) problems.from = ['开始日期不能晚于结束日期'];
    else if (daysIn(range) > maxRangeDays) problems.to = [`统计区间最长${maxRangeDays}天`];
  }
  return Object.keys(problems).length ? problems : undefined;
}

const isFirstOfMonth = (day: string) => day.endsWith('-01');
const isLastOfMonth = (day: string) => isFirstOfMonth(addDays(day, 1));
const monthsBetween = (from: string, to: string) => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
};
const firstOfMonthsBefore = (day: string, months: number) => {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - months, 1)).toISOString().slice(0, 10);
};

/**
 * The period a dashboard compares with: whole calendar months are compared with as many whole
 * months before them (March with February, a quarter with the one before), any other period with
 * the same number of days just before it.
 */
export function previousRangeOf(range: DayRange): DayRange {
  if (isFirstOfMonth(range.from) && isLastOfMonth(range.to)) {
    const from = firstOfMonthsBefore(range.from, monthsBetween(range.from, range.to));
    return { from, to: addDays(range.from, -1) };
  }
  const length = daysIn(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

export type Granularity = 'day' | 'week' | 'month';

/** A trend's step by the period's length: days up to a month, weeks up to 120 days, else months. */
export function granularityOf(range: DayRange): Granularity {
  const days = daysIn(range);
  return days <= 31 ? 'day' : days <= 120 ? 'week' : 'month';
}

/** The first day of the step a day falls in: itself, its week's Monday, or its month's 1st. */
export function stepStartOf(day: string, granularity: Granularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 8)}01`;
  const weekday = new Date(epochDay(day) * DAY_MS).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/**
 * The trend of a period from the tally's daily totals: one point per step (zeros kept, so a chart's
 * axis has no gaps), each dated by the step's first day even where the period starts inside it.
 */
export function trendOf(tally: Pick<Tally, 'daily'>, range: DayRange): { granularity: Granularity; points: TrendPoint[] } {
  const granularity = granularityOf(range);
  const steps = new Map<string, Counters>();
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    const start = stepStartOf(day, granularity);
    steps.set(start, addCounters(steps.get(start) ?? {}, tally.daily[day] ?? {}));
  }
  const points = [...steps].map(([from, counters]) => ({
    from,
    filed: counters.filed ?? 0,
    closed: counters.closed ?? 0,
    closedOnTime: counters.closedOnTime ?? 0,
    overdue: (counters.overdueStage ?? 0) + (counters.overdueCase ?? 0),
  }));
  return { granularity, points };
}

/**
 * The tables a scope's dashboard holds: streets where more than one street is in view, grids for
 * the district and a street, categories unless one is chosen, the league of units unless the scope
 * is a unit.
 */
export function tablesOf(kind: StatsScope['kind']): DashboardTable[] {
  const tables: Record<StatsScope['kind'], DashboardTable[]> = {
    district: ['streets', 'categories', 'subcategories', 'units', 'grids', 'trend'],
    street: ['categories', 'subcategories', 'units', 'grids', 'trend'],
    category: ['streets', 'subcategories', 'units', 'trend'],
    street_category: ['subcategories', 'units', 'trend'],
    grid: ['categories', 'subcategories', 'units', 'trend'],
    unit: ['categories', 'subcategories', 'trend'],
  };
  return tables[kind];
}

/** A nullable number, larger first, nulls last. */
const descending = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);

/** The units' league (考核排行): on-time rate first, then satisfaction, then by code. */
export function byLeague(a: FigureRow, b: FigureRow): number {
  return descending(a.onTimeRate, b.onTimeRate) || descending(a.satisfactionAverage, b.satisfactionAverage) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Hot spots: most filed first, then by code. */
export function byFiled(a: FigureRow, b: FigureRow): number {
  return b.filed - a.filed || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
