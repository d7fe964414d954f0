import type { FigureRow, TrendPoint } from '../services/stats';
import type { ChartOption } from './echarts';
import { pointLabel, type Granularity } from './figures-model';

/**
 * The charts' options, built from the API's figures (pure; the tables beside the charts come from
 * figures-model). Types only are imported from ECharts, so these stay testable without a canvas.
 */
const palette = { filed: '#4a90e2', closed: '#07c160', closedOnTime: '#2e7d32', overdue: '#f08c00' };
const textStyle = { fontSize: 11, color: '#5f6b7a' };

export function trendChartOption(points: TrendPoint[], granularity: Granularity): ChartOption {
  const line = (name: string, color: string, values: number[]) => ({ type: 'line' as const, name, data: values, smooth: false, symbolSize: 5, itemStyle: { color }, lineStyle: { color, width: 2 } });
  return {
    animation: false,
    color: [palette.filed, palette.closed, palette.closedOnTime, palette.overdue],
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 0, textStyle, itemWidth: 14, itemHeight: 8 },
    grid: { left: 8, right: 12, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((point) => pointLabel(point.from, granularity)), axisLabel: textStyle, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1, axisLabel: textStyle, splitLine: { lineStyle: { color: '#eef1f4' } } },
    series: [
      line('上报', palette.filed, points.map((point) => point.filed)),
      line('结案', palette.closed, points.map((point) => point.closed)),
      line('按时结案', palette.closedOnTime, points.map((point) => point.closedOnTime)),
      line('超时', palette.overdue, points.map((point) => point.overdue)),
    ],
  };
}

/** Pixels a bar chart needs for its rows: each row a readable band, at least a small chart. */
export function barChartHeight(rowCount: number): number {
  return Math.max(160, 48 + rowCount * 34);
}

/** Horizontal bars (long Chinese names read better down the side), the first row on top. */
export function barChartOption(rows: Pick<FigureRow, 'name' | 'filed' | 'closed'>[]): ChartOption {
  const bar = (name: string, color: string, values: number[]) => ({ type: 'bar' as const, name, data: values, itemStyle: { color, borderRadius: 3 }, barMaxWidth: 12, barGap: '20%' });
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { top: 0, textStyle, itemWidth: 14, itemHeight: 8 },
    grid: { left: 8, right: 16, top: 32, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: textStyle, splitLine: { lineStyle: { color: '#eef1f4' } } },
    yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name), axisLabel: { ...textStyle, width: 96, overflow: 'truncate' } },
    series: [bar('上报', palette.filed, rows.map((row) => row.filed)), bar('结案', palette.closed, rows.map((row) => row.closed))],
  };
}
