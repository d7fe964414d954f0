import { describe, expect, it } from 'vitest';
import { figureRowSchema } from '../api/stats';
import { byLeague, districtDayOf, figureRowOf, granularityOf, previousRangeOf, rangeProblems, stepStartOf, trendOf } from './rows';

describe('figureRowOf', () => {
  it('rounds rates to 4 decimals, satisfaction to 2 and hours to 1, and adds both kinds of overdue', () => {
    const row = figureRowOf('ST01', '包公街道', {
      filed: 10,
      closed: 3,
      closedOnTime: 2,
      overdueStage: 2,
      overdueCase: 1,
      ratings: 3,
      satisfactionSum: 13,
      satisfied: 2,
      ratedResolved: 1,
      handlingMsSum: 10 * 3_600_000,
      heldMsSum: 5 * 3_600_000,
      heldCount: 3,
      h0: 1,
      h1: 2,
    });
    expect(figureRowSchema.parse(row)).toEqual(row);
    expect(row).toMatchObject({
      filed: 10,
      onTimeRate: 0.6667,
      overdue: 3,
      satisfactionAverage: 4.33,
      satisfiedRate: 0.6667,
      resolvedRate: 0.3333,
      averageHandlingHours: 3.3,
      averageHeldHours: 1.7,
      // Three closed: the middle one lies in the 4–8 h bucket, a quarter of the way in.
      medianHandlingHours: 5,
    });
  });

  it('answers null, not 0, for a rate, an average or a median with nothing under it', () => {
    const row = figureRowOf('01', '市容环境', { filed: 4 });
    expect(row).toMatchObject({ closed: 0, onTimeRate: null, satisfactionAverage: null, satisfiedRate: null, resolvedRate: null, medianHandlingHours: null, averageHandlingHours: null, averageHeldHours: null });
    expect(figureRowSchema.parse(row)).toEqual(row);
  });
});

describe('rangeProblems: a dashboard period', () => {
  const today = '2026-03-12';
  it('accepts a year up to today', () => {
    expect(rangeProblems({ from: '2025-03-12', to: '2026-03-12' }, today)).toBeUndefined();
  });
  it.each([
    [{ from: '2026-03-10', to: '2026-03-01' }, { from: ['开始日期不能晚于结束日期'] }],
    [{ from: '2025-03-11', to: '2026-03-12' }, { to: ['统计区间最长366天'] }],
    [{ from: '2026-03-01', to: '2026-03-13' }, { to: ['不能晚于今天（2026-03-12）'] }],
    [{ from: '2026-02-30', to: '2026-03-01' }, { from: ['不是有效的日期'] }],
    [{ from: '2026-02-01', to: '2026-13-01' }, { to: ['不是有效的日期'] }],
    [{ from: '0000-01-01', to: '0000-01-02' }, { from: ['不能早于2000-01-01'] }],
  ])('refuses %j with field errors', (range, problems) => {
    expect(rangeProblems(range, today)).toEqual(problems);
  });
});

describe('previousRangeOf', () => {
  it('compares whole months with as many whole months before them', () => {
    expect(previousRangeOf({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousRangeOf({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(previousRangeOf({ from: '2025-04-01', to: '2026-03-31' })).toEqual({ from: '2024-04-01', to: '2025-03-31' });
  });
  it('compares any other period with as many days just before it', () => {
    expect(previousRangeOf({ from: '2026-03-09', to: '2026-03-15' })).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(previousRangeOf({ from: '2026-03-01', to: '2026-03-12' })).toEqual({ from: '2026-02-17', to: '2026-02-28' });
  });
});

describe('trendOf', () => {
  it('steps by day up to 31 days, by week up to 120, by month beyond', () => {
    expect(granularityOf({ from: '2026-03-01', to: '2026-03-31' })).toBe('day');
    expect(granularityOf({ from: '2026-03-01', to: '2026-04-01' })).toBe('week');
    expect(granularityOf({ from: '2026-01-01', to: '2026-04-30' })).toBe('week');
    expect(granularityOf({ from: '2026-01-01', to: '2026-05-01' })).toBe('month');
  });

  it('starts weeks on Monday and months on the 1st', () => {
    expect(stepStartOf('2026-03-15', 'week')).toBe('2026-03-09');
    expect(stepStartOf('2026-03-09', 'week')).toBe('2026-03-09');
    expect(stepStartOf('2026-03-15', 'month')).toBe('2026-03-01');
  });

  it('sums the days of each step and keeps the empty steps', () => {
    const daily = { '2026-03-02': { filed: 2, closed: 1, closedOnTime: 1 }, '2026-03-08': { filed: 1, overdueCase: 1 }, '2026-03-20': { filed: 5, overdueStage: 2 }, '2026-04-01': { filed: 9 } };
    const trend = trendOf({ daily }, { from: '2026-03-01', to: '2026-03-31' });
    expect(trend.granularity).toBe('day');
    expect(trend.points).toHaveLength(31);
    expect(trend.points[1]).toEqual({ from: '2026-03-02', filed: 2, closed: 1, closedOnTime: 1, overdue: 0 });

    const weekly = trendOf({ daily }, { from: '2026-03-01', to: '2026-04-05' });
    expect(weekly.points.map((point) => [point.from, point.filed, point.overdue])).toEqual([
      ['2026-02-23', 0, 0],
      ['2026-03-02', 3, 1],
      ['2026-03-09', 0, 0],
      ['2026-03-16', 5, 2],
      ['2026-03-23', 0, 0],
      ['2026-03-30', 9, 0],
    ]);
  });
});

describe('byLeague', () => {
  it('ranks units by on-time rate, then satisfaction, with no closed case last', () => {
    const unit = (code: string, closed: number, onTime: number, ratings: number, satisfactionSum: number) => figureRowOf(code, code, { closed, closedOnTime: onTime, ratings, satisfactionSum });
    const league = [unit('U1', 0, 0, 0, 0), unit('U2', 4, 3, 1, 5), unit('U3', 4, 4, 1, 3), unit('U4', 4, 3, 1, 4)].sort(byLeague);
    expect(league.map((row) => row.code)).toEqual(['U3', 'U2', 'U4', 'U1']);
  });
});

describe('districtDayOf', () => {
  it('is the Beijing date: 16:00 UTC is already the next day', () => {
    expect(districtDayOf(new Date('2026-03-11T15:59:59Z'))).toBe('2026-03-11');
    expect(districtDayOf(new Date('2026-03-11T16:00:00Z'))).toBe('2026-03-12');
  });
});
