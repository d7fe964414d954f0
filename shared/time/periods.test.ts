import { describe, expect, it } from 'vitest';
import { districtPeriodStarts } from './periods';

const starts = (now: string) => {
  const { week, month } = districtPeriodStarts(new Date(now));
  return { week: week.toISOString(), month: month.toISOString() };
};

describe('districtPeriodStarts', () => {
  it.each([
    // Monday 9 March 2026, morning in Beijing.
    { now: '2026-03-09T09:00:00+08:00', week: '2026-03-08T16:00:00.000Z', month: '2026-02-28T16:00:00.000Z' },
    // Monday 00:00 exactly starts the new week.
    { now: '2026-03-09T00:00:00+08:00', week: '2026-03-08T16:00:00.000Z', month: '2026-02-28T16:00:00.000Z' },
    // Sunday 23:59 in Beijing is still the week that began on Monday 2 March, though UTC says Sunday afternoon.
    { now: '2026-03-08T23:59:59+08:00', week: '2026-03-01T16:00:00.000Z', month: '2026-02-28T16:00:00.000Z' },
    // 1 April 00:30 in Beijing is still 31 March in UTC: the month is April already.
    { now: '2026-04-01T00:30:00+08:00', week: '2026-03-29T16:00:00.000Z', month: '2026-03-31T16:00:00.000Z' },
    // A week that began in the previous month (Monday 29 December 2025), in the new year.
    { now: '2026-01-02T12:00:00+08:00', week: '2025-12-28T16:00:00.000Z', month: '2025-12-31T16:00:00.000Z' },
  ])('$now → week from $week, month from $month', ({ now, week, month }) => {
    expect(starts(now)).toEqual({ week, month });
  });
});
