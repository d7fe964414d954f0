import type { Dashboard, DashboardTable, ExportQuery, FigureRow, TrendPoint } from '../../../shared/api/stats';
import type { Actor } from '../../../shared/domain/roles';
import type { StatsScope } from '../../../shared/stats/types';
import { errors } from '../../errors';
import { resolveStatsQuery, statsDashboard, type StatsDeps } from './dashboard';

export const tableTitles: Record<DashboardTable, string> = {
  streets: '街镇对比',
  categories: '问题大类',
  subcategories: '小类前20',
  units: '单位考核排行',
  grids: '热点网格前20',
  trend: '趋势',
};

/** How a column's numbers read: counts, rates (shown as percentages) or decimals. */
export type ColumnKind = 'count' | 'rate' | 'decimal';
type Column<Row> = { header: string; kind: ColumnKind; value: (row: Row) => string | number | null };

const count = (header: string, key: keyof FigureRow): Column<FigureRow> => ({ header, kind: 'count', value: (row) => row[key] as number });
const rate = (header: string, key: keyof FigureRow): Column<FigureRow> => ({ header, kind: 'rate', value: (row) => row[key] as number | null });
const decimal = (header: string, key: keyof FigureRow): Column<FigureRow> => ({ header, kind: 'decimal', value: (row) => row[key] as number | null });

/** A figure table's columns, headed as the district's reports head them. */
const figureColumns: Column<FigureRow>[] = [
  { header: '编码', kind: 'count', value: (row) => row.code },
  { header: '名称', kind: 'count', value: (row) => row.name },
  count('上报', 'filed'),
  count('受理', 'accepted'),
  count('不予受理', 'rejected'),
  count('合并', 'merged'),
  count('派遣', 'dispatched'),
  count('退单', 'returned'),
  count('转派', 'reassigned'),
  count('回单', 'resolved'),
  count('结案', 'closed'),
  count('按时结案', 'closedOnTime'),
  rate('按时结案率', 'onTimeRate'),
  count('超时', 'overdue'),
  count('预警', 'warned'),
  count('催办', 'urged'),
  count('升级', 'escalated'),
  count('督办', 'supervised'),
  count('重新打开', 'reopened'),
  count('评价数', 'ratings'),
  decimal('平均满意度', 'satisfactionAverage'),
  rate('满意率', 'satisfiedRate'),
  rate('解决率', 'resolvedRate'),
  decimal('办理时长中位数（小时）', 'medianHandlingHours'),
  decimal('平均办理时长（小时）', 'averageHandlingHours'),
  decimal('单位平均持有时长（工作小时）', 'averageHeldHours'),
];

const granularityLabels = { day: '日', week: '周（周一起）', month: '月' } as const;

const trendColumns = (granularity: Dashboard['trend']['granularity']): Column<TrendPoint>[] => [
  { header: `起始日期（按${granularityLabels[granularity]}）`, kind: 'count', value: (point) => point.from },
  { header: '上报', kind: 'count', value: (point) => point.filed },
  { header: '结案', kind: 'count', value: (point) => point.closed },
  { header: '按时结案', kind: 'count', value: (point) => point.closedOnTime },
  { header: '超时', kind: 'count', value: (point) => point.overdue },
];

/** An instant as the district reads it: `2026-03-12 10:00:00`, Beijing time. */
export function beijingTimeOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** What an exported table holds: its title, the lines saying what was counted, and the rows. */
export interface ExportSheet {
  table: DashboardTable;
  /** The period, for the file's name. */
  period: { from: string; to: string };
  title: string;
  about: [string, string][];
  headers: string[];
  kinds: ColumnKind[];
  rows: (string | number | null)[][];
}

/** The street and category a scope is narrowed to: a street centre's own street though its query named none. */
function filterOf(scope: StatsScope): { streetCode?: string; categoryCode?: string } {
  return {
    ...('streetCode' in scope ? { streetCode: scope.streetCode } : {}),
    ...('categoryCode' in scope ? { categoryCode: scope.categoryCode } : {}),
  };
}

function sheetOf(dashboard: Dashboard, scope: StatsScope, table: DashboardTable, exportedAt: Date): ExportSheet {
  const columns = table === 'trend' ? trendColumns(dashboard.trend.granularity) : figureColumns;
  const items = table === 'trend' ? dashboard.trend.points : dashboard[table];
  if (!items) throw errors.unprocessable('stats.table_unavailable', `当前统计范围没有“${tableTitles[table]}”表`, { fields: { table: ['当前统计范围没有此表'] } });
  const nameOf = (options: { code: string; name: string }[], code: string | undefined) => (code ? (options.find((option) => option.code === code)?.name ?? code) : '全部');
  const filter = filterOf(scope);
  return {
    table,
    period: { from: dashboard.period.from, to: dashboard.period.to },
    title: `${dashboard.scope.name} · ${tableTitles[table]}`,
    about: [
      ['统计范围', dashboard.scope.name],
      ['统计区间', `${dashboard.period.from} 至 ${dashboard.period.to}（${dashboard.period.days}天，北京时间）`],
      ['筛选', `街镇：${nameOf(dashboard.filters.streets, filter.streetCode)}；大类：${nameOf(dashboard.filters.categories, filter.categoryCode)}`],
      ['统计截至', dashboard.countedUntil ? beijingTimeOf(dashboard.countedUntil) : '尚未统计'],
      ['导出时间', beijingTimeOf(exportedAt)],
    ],
    headers: columns.map((column) => column.header),
    kinds: columns.map((column) => column.kind),
    rows: (items as (FigureRow & TrendPoint)[]).map((item) => columns.map((column) => column.value(item))),
  };
}

/**
 * One table of the dashboard `actor` may read, ready to be written as a file (CSV or Excel: the
 * presenter's): headed by the scope, the period, the filter, how current the counts are and the
 * export time, then the rows under Chinese headers.
 */
export async function statsExport(deps: StatsDeps, actor: Actor, query: ExportQuery): Promise<ExportSheet> {
  const { table, format: _format, ...dashboardQuery } = query;
  const dashboard = await statsDashboard(deps, actor, dashboardQuery);
  const { scope } = resolveStatsQuery(actor, dashboardQuery, dashboard.generatedAt);
  return sheetOf(dashboard, scope, table, dashboard.generatedAt);
}
