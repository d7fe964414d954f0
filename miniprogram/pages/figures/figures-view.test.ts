import { describe, expect, it } from 'vitest';
import { barRows, formatRate, formatScore, periodTiles } from './figures-view';

describe('figures view', () => {
  it('writes rates and scores, with a dash before anything is known', () => {
    expect(formatRate(0.958)).toBe('95.8%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
    expect(formatScore(4.36)).toBe('4.4 分');
    expect(formatScore(null)).toBe('—');
  });

  it('shows six headline numbers per period', () => {
    const tiles = periodTiles({ from: null, reported: 84896, closed: 81314, closedOnTime: 80000, onTimeRate: 0.9838, satisfaction: { average: 4.6, ratings: 1200 }, byCategory: [], byStreet: [] });
    expect(tiles.map((tile) => tile.value)).toEqual(['84,896', '81,314', '80,000', '98.4%', '4.6 分', '1,200']);
  });

  it('sorts rows by reports and scales bars to the busiest', () => {
    const rows = barRows([
      { code: '02', name: '乙', reported: 5, closed: 5 },
      { code: '01', name: '甲', reported: 20, closed: 10 },
      { code: '03', name: '丙', reported: 0, closed: 0 },
    ]);
    expect(rows.map((row) => row.name)).toEqual(['甲', '乙', '丙']);
    expect(rows[0]).toMatchObject({ reportedWidth: 100, closedWidth: 50, closedShare: '50.0%' });
    expect(rows[1]).toMatchObject({ reportedWidth: 25, closedWidth: 25 });
    expect(rows[2]).toMatchObject({ reportedWidth: 0, closedShare: '—' });
  });
});
