import { describe, expect, it } from 'vitest';
import { barChartHeight, barChartOption, trendChartOption } from './chart-options';

describe('chart options', () => {
  it('draws the trend as four named lines over the points’ labels', () => {
    const option = trendChartOption([{ from: '2026-11-23', filed: 4, closed: 3, closedOnTime: 2, overdue: 1 }], 'week');
    expect(option.xAxis).toMatchObject({ data: ['11-23起'] });
    const series = option.series as { name: string; type: string; data: number[] }[];
    expect(series.map((line) => [line.name, line.type, line.data])).toEqual([
      ['上报', 'line', [4]],
      ['结案', 'line', [3]],
      ['按时结案', 'line', [2]],
      ['超时', 'line', [1]],
    ]);
  });

  it('draws bars per row in the rows’ order, taller with more rows', () => {
    const option = barChartOption([
      { name: '甲', filed: 9, closed: 8 },
      { name: '乙', filed: 3, closed: 1 },
    ]);
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['甲', '乙'], inverse: true });
    expect((option.series as { data: number[] }[]).map((bars) => bars.data)).toEqual([
      [9, 3],
      [8, 1],
    ]);
    expect(barChartHeight(20)).toBeGreaterThan(barChartHeight(2));
  });
});
