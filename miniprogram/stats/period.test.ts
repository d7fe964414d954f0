import { describe, expect, it } from 'vitest';
import { beijingToday, daysIn, presetRange, rangeLabel, rangeProblem } from './period';

// 2026-11-28 is a Saturday; 01:30 in Beijing is still the 27th in UTC.
const saturdayEarly = new Date('2026-11-27T17:30:00Z');

describe('dashboard periods', () => {
  it('counts today in Beijing, whatever the UTC date', () => {
    expect(beijingToday(saturdayEarly)).toBe('2026-11-28');
    expect(beijingToday(new Date('2026-11-28T15:59:00Z'))).toBe('2026-11-28');
    expect(beijingToday(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });

  it.each([
    ['week', '2026-11-23', '2026-11-28'],
    ['month', '2026-11-01', '2026-11-28'],
    ['lastMonth', '2026-10-01', '2026-10-31'],
    ['quarter', '2026-10-01', '2026-11-28'],
    ['year', '2026-01-01', '2026-11-28'],
  ] as const)('%s runs from %s to %s', (preset, from, to) => {
    expect(presetRange(preset, saturdayEarly)).toEqual({ from, to });
  });

  it('starts a week on Monday, also when today is Sunday or Monday', () => {
    expect(presetRange('week', new Date('2026-11-29T04:00:00Z'))).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetRange('week', new Date('2026-11-30T04:00:00Z'))).toEqual({ from: '2026-11-30', to: '2026-11-30' });
  });

  it('takes last month across a new year, with its own length', () => {
    expect(presetRange('lastMonth', new Date('2027-01-05T04:00:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('lastMonth', new Date('2028-03-05T04:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('quarter', new Date('2027-03-31T04:00:00Z'))).toEqual({ from: '2027-01-01', to: '2027-03-31' });
  });

  it('counts both ends of a range', () => {
    expect(daysIn({ from: '2026-11-28', to: '2026-11-28' })).toBe(1);
    expect(daysIn({ from: '2026-01-01', to: '2026-12-31' })).toBe(365);
  });

  it('refuses a custom range that ends before it starts, starts after today or is longer than 366 days', () => {
    expect(rangeProblem({ from: '2026-11-10', to: '2026-11-01' }, saturdayEarly)).toBe('开始日期不能晚于结束日期');
    expect(rangeProblem({ from: '2026-11-29', to: '2026-11-30' }, saturdayEarly)).toBe('开始日期不能晚于今天');
    expect(rangeProblem({ from: '2024-01-01', to: '2024-12-31' }, saturdayEarly)).toBeNull();
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-02' }, saturdayEarly)).toBe('统计区间最长 366 天');
  });

  it('writes a range, or its one day', () => {
    expect(rangeLabel({ from: '2026-11-01', to: '2026-11-28' })).toBe('2026-11-01 至 2026-11-28');
    expect(rangeLabel({ from: '2026-11-28', to: '2026-11-28' })).toBe('2026-11-28');
  });
});
