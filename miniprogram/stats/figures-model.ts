import type { Dashboard, FigureRow, PublicPeriod, TrendPoint } from '../services/stats';
import { formatRate } from '../utils/format';

/**
 * How the statistics pages write their numbers and tables: plain words, a dash where nothing is
 * known yet, and every chart's figures as a table of text (the same strings a screen reader reads).
 */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export function formatScore(average: number | null): string {
  return average === null ? '—' : `${average.toFixed(1)} 分`;
}

/** Handling times: hours under two days, days beyond (a league table compares days, not minutes). */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 48) return `${hours.toFixed(1)} 小时`;
  return `${(hours / 24).toFixed(1)} 天`;
}

type MetricKind = 'count' | 'rate' | 'score' | 'hours';
/** Whether more is better (结案, 按时结案率, 满意度), worse (超时, 办理时长), or neither (上报). */
type Preference = 'higher' | 'lower' | 'neutral';

export interface Change {
  /** ↑, ↓ or → ; '' when the previous period had nothing to compare with. */
  arrow: '↑' | '↓' | '→' | '';
  /** The change in words, e.g. `较上期增加 12 件（+8.5%）`: the arrow and colour never carry it alone. */
  words: string;
  tone: 'better' | 'worse' | 'same';
}

const units: Record<MetricKind, string> = { count: ' 件', rate: ' 个百分点', score: ' 分', hours: ' 小时' };

/** The change from the previous period to this one, with its direction in words. */
export function changeOf(current: number | null, previous: number | null, kind: MetricKind, preference: Preference): Change {
  if (current === null || previous === null) return { arrow: '', words: '上期无可比数据', tone: 'same' };
  const scale = kind === 'rate' ? 100 : 1;
  const delta = (current - previous) * scale;
  const rounded = kind === 'count' ? Math.round(delta) : Math.round(delta * 10) / 10;
  if (rounded === 0) return { arrow: '→', words: '与上期持平', tone: 'same' };
  const up = rounded > 0;
  const amount = kind === 'count' ? formatCount(Math.abs(rounded)) : Math.abs(rounded).toFixed(1);
  const relative = kind === 'count' && previous > 0 ? `（${up ? '+' : '−'}${formatRate(Math.abs(delta) / previous)}）` : '';
  const better = preference === 'neutral' ? 'same' : (preference === 'higher') === up ? 'better' : 'worse';
  return { arrow: up ? '↑' : '↓', words: `较上期${up ? '增加' : '减少'} ${amount}${units[kind]}${relative}`, tone: better };
}

export interface TotalCard {
  key: string;
  label: string;
  value: string;
  change: Change;
}

/** The headline figures of a period, each beside its change from the period before. */
export function totalCards(dashboard: Pick<Dashboard, 'totals' | 'previousTotals'>): TotalCard[] {
  const now = dashboard.totals;
  const before = dashboard.previousTotals;
  return [
    { key: 'filed', label: '上报', value: formatCount(now.filed), change: changeOf(now.filed, before.filed, 'count', 'neutral') },
    { key: 'closed', label: '结案', value: formatCount(now.closed), change: changeOf(now.closed, before.closed, 'count', 'higher') },
    { key: 'onTimeRate', label: '按时结案率', value: formatRate(now.onTimeRate), change: changeOf(now.onTimeRate, before.onTimeRate, 'rate', 'higher') },
    { key: 'overdue', label: '超时', value: formatCount(now.overdue), change: changeOf(now.overdue, before.overdue, 'count', 'lower') },
    { key: 'satisfaction', label: '满意度', value: formatScore(now.satisfactionAverage), change: changeOf(now.satisfactionAverage, before.satisfactionAverage, 'score', 'higher') },
    { key: 'median', label: '中位办理时长', value: formatHours(now.medianHandlingHours), change: changeOf(now.medianHandlingHours, before.medianHandlingHours, 'hours', 'lower') },
  ];
}

/** A table as text: what 查看数据 shows and what an export holds. */
export interface DataTable {
  caption: string;
  headers: string[];
  rows: { key: string; cells: string[] }[];
  /** The column that names a row (a screen reader announces it with each cell); 0 unless set. */
  rowHeader?: number;
}

type Column = { header: string; cell: (row: FigureRow) => string };

const figureColumns: Column[] = [
  { header: '上报', cell: (row) => formatCount(row.filed) },
  { header: '结案', cell: (row) => formatCount(row.closed) },
  { header: '按时结案率', cell: (row) => formatRate(row.onTimeRate) },
  { header: '超时', cell: (row) => formatCount(row.overdue) },
  { header: '满意度', cell: (row) => formatScore(row.satisfactionAverage) },
];

/** Streets, categories, subcategories or grids: name and the main figures. */
export function figureTable(caption: string, nameHeader: string, rows: FigureRow[]): DataTable {
  return {
    caption,
    headers: [nameHeader, ...figureColumns.map((column) => column.header)],
    rows: rows.map((row) => ({ key: row.code, cells: [row.name, ...figureColumns.map((column) => column.cell(row))] })),
  };
}

const leagueColumns: Column[] = [
  { header: '按时结案率', cell: (row) => formatRate(row.onTimeRate) },
  { header: '满意度', cell: (row) => formatScore(row.satisfactionAverage) },
  { header: '结案', cell: (row) => formatCount(row.closed) },
  { header: '退单', cell: (row) => formatCount(row.returned) },
  { header: '催办', cell: (row) => formatCount(row.urged) },
  { header: '督办', cell: (row) => formatCount(row.supervised) },
  { header: '升级', cell: (row) => formatCount(row.escalated) },
  { header: '中位办理时长', cell: (row) => formatHours(row.medianHandlingHours) },
];

/** The units' league table (考核排行), in the order the server ranks them. */
export function leagueTable(units: FigureRow[]): DataTable {
  return {
    caption: '单位考核排行',
    rowHeader: 1,
    headers: ['排名', '单位', ...leagueColumns.map((column) => column.header)],
    rows: units.map((row, index) => ({ key: row.code, cells: [String(index + 1), row.name, ...leagueColumns.map((column) => column.cell(row))] })),
  };
}

export type Granularity = Dashboard['trend']['granularity'];
const granularityWords: Record<Granularity, string> = { day: '按日', week: '按周', month: '按月' };

/** A trend point's label on the axis and in the table: `11-28`, `11-23起`, `2026-11`. */
export function pointLabel(from: string, granularity: Granularity): string {
  if (granularity === 'month') return from.slice(0, 7);
  if (granularity === 'week') return `${from.slice(5)}起`;
  return from.slice(5);
}

export function trendTable(points: TrendPoint[], granularity: Granularity): DataTable {
  return {
    caption: `趋势（${granularityWords[granularity]}）`,
    headers: [granularity === 'day' ? '日期' : granularity === 'week' ? '周' : '月份', '上报', '结案', '按时结案', '超时'],
    rows: points.map((point) => ({
      key: point.from,
      cells: [pointLabel(point.from, granularity), formatCount(point.filed), formatCount(point.closed), formatCount(point.closedOnTime), formatCount(point.overdue)],
    })),
  };
}

export function granularityLabel(granularity: Granularity): string {
  return granularityWords[granularity];
}

/** The public headline numbers of one period, in the order the page shows them. */
export function publicTiles(period: PublicPeriod): { label: string; value: string }[] {
  const { totals } = period;
  return [
    { label: '上报', value: formatCount(totals.filed) },
    { label: '结案', value: formatCount(totals.closed) },
    { label: '按时结案', value: formatCount(totals.closedOnTime) },
    { label: '按时结案率', value: formatRate(totals.onTimeRate) },
    { label: '满意度', value: formatScore(totals.satisfactionAverage) },
    { label: '评价数', value: formatCount(totals.ratings) },
  ];
}

/** A public breakdown (by category or street), busiest first, as a table: name, 上报, 结案, 结案率. */
export function publicTable(caption: string, nameHeader: string, rows: PublicPeriod['byStreet']): DataTable {
  return {
    caption,
    headers: [nameHeader, '上报', '结案', '结案率'],
    rows: busiestFirst(rows).map((row) => ({
      key: row.code,
      cells: [row.name, formatCount(row.filed), formatCount(row.closed), row.filed === 0 ? '—' : formatRate(Math.min(row.closed, row.filed) / row.filed)],
    })),
  };
}

export function busiestFirst<T extends { code: string; filed: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => b.filed - a.filed || a.code.localeCompare(b.code));
}
