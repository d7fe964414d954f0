import type { FiguresRow, PeriodFigures } from '../../services/figures';

/** How the figures page writes its numbers: plain, rounded, with a dash where nothing is known yet. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export function formatScore(average: number | null): string {
  return average === null ? '—' : `${average.toFixed(1)} 分`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

export const periodLabels = { week: '本周', month: '本月', sinceLaunch: '上线以来' } as const;
export type PeriodKey = keyof typeof periodLabels;

/** The headline numbers of one period, in the order the page shows them. */
export function periodTiles(period: PeriodFigures): { label: string; value: string }[] {
  return [
    { label: '上报', value: formatCount(period.reported) },
    { label: '办结', value: formatCount(period.closed) },
    { label: '按时办结', value: formatCount(period.closedOnTime) },
    { label: '按时办结率', value: formatRate(period.onTimeRate) },
    { label: '满意度', value: formatScore(period.satisfaction.average) },
    { label: '评价数', value: formatCount(period.satisfaction.ratings) },
  ];
}

export interface BarRow extends FiguresRow {
  /** Bar lengths as a percentage of the largest row's reports, so rows compare at a glance. */
  reportedWidth: number;
  closedWidth: number;
  closedShare: string;
}

/** Rows with most reports first, each bar scaled to the busiest row. */
export function barRows(rows: FiguresRow[]): BarRow[] {
  const most = Math.max(1, ...rows.map((row) => row.reported));
  return [...rows]
    .sort((a, b) => b.reported - a.reported || a.code.localeCompare(b.code))
    .map((row) => ({
      ...row,
      reportedWidth: Math.round((row.reported / most) * 100),
      closedWidth: Math.round((Math.min(row.closed, row.reported) / most) * 100),
      closedShare: row.reported === 0 ? '—' : formatRate(row.closed / row.reported),
    }));
}
