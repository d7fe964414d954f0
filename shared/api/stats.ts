import { z } from 'zod';
import { dateTime, namedCode } from './common';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/**
 * `GET /api/v1/stats/dashboard` and its exports: one period (inclusive days, Beijing time), at
 * most 366 days; the previous period of the same length is compared. Street and category narrow
 * the scope; a street centre's street, a unit and a grid are fixed by the account.
 */
export const dashboardQuerySchema = z
  .strictObject({
    from: day,
    to: day,
    streetCode: z.string().trim().min(1).optional(),
    categoryCode: z.string().trim().min(1).optional(),
  })
  .meta({ description: '统计区间（含首尾两日，北京时间），最长366天' });
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

/** The tables a dashboard holds; each can be exported. */
export const dashboardTables = ['streets', 'categories', 'subcategories', 'units', 'grids', 'trend'] as const;
export type DashboardTable = (typeof dashboardTables)[number];

export const exportQuerySchema = dashboardQuerySchema.safeExtend({
  table: z.enum(dashboardTables, '要导出的表无效'),
  format: z.enum(['csv', 'xlsx'], '导出格式须为 csv 或 xlsx'),
});
export type ExportQuery = z.output<typeof exportQuerySchema>;

const count = z.number().int().min(0);
const rate = z.number().min(0).max(1).nullable();
const hours = z.number().min(0).nullable();

/** One row of figures: a scope's total, or one street, category, subcategory, unit or grid. */
export const figureRowSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  filed: count.meta({ description: '上报' }),
  accepted: count.meta({ description: '受理' }),
  rejected: count.meta({ description: '不予受理' }),
  merged: count.meta({ description: '合并' }),
  dispatched: count.meta({ description: '派遣' }),
  returned: count.meta({ description: '退单' }),
  reassigned: count.meta({ description: '转派' }),
  resolved: count.meta({ description: '回单' }),
  closed: count.meta({ description: '结案' }),
  closedOnTime: count.meta({ description: '按时结案' }),
  onTimeRate: rate.meta({ description: '按时结案率 = 按时结案 / 结案' }),
  overdue: count.meta({ description: '超时（阶段或办结超时）' }),
  warned: count.meta({ description: '预警' }),
  urged: count.meta({ description: '催办' }),
  escalated: count.meta({ description: '升级' }),
  supervised: count.meta({ description: '督办' }),
  reopened: count.meta({ description: '重新打开' }),
  ratings: count.meta({ description: '评价数' }),
  satisfactionAverage: z.number().min(1).max(5).nullable().meta({ description: '平均满意度（1–5）' }),
  satisfiedRate: rate.meta({ description: '满意率（4–5分）' }),
  resolvedRate: rate.meta({ description: '评价为“已解决”的比例' }),
  medianHandlingHours: hours.meta({ description: '办理时长中位数（小时，由分段直方图估算）' }),
  averageHandlingHours: hours.meta({ description: '平均办理时长（小时，上报到结案）' }),
  averageHeldHours: hours.meta({ description: '单位平均持有时长（工作小时，含退单、转派前的持有）' }),
});
export type FigureRow = z.output<typeof figureRowSchema>;

export const trendPointSchema = z.strictObject({
  /** The first day of the point: a day, a week's Monday, or a month's 1st. */
  from: day,
  filed: count,
  closed: count,
  closedOnTime: count,
  overdue: count,
});
export type TrendPoint = z.output<typeof trendPointSchema>;

export const dashboardScopeSchema = z.strictObject({
  kind: z.enum(['district', 'street', 'category', 'street_category', 'grid', 'unit']),
  name: z.string().meta({ description: '如：包河区、滨湖世纪社区、城市管理类' }),
});

/** A dashboard: the scope's figures for a period and the one before, its trend and its tables. */
export const dashboardSchema = z.strictObject({
  scope: dashboardScopeSchema,
  period: z.strictObject({ from: day, to: day, days: count }),
  previous: z.strictObject({ from: day, to: day }),
  /** Until when events are counted: the projection folds new events every few seconds. */
  countedUntil: dateTime.nullable(),
  generatedAt: dateTime,
  totals: figureRowSchema,
  previousTotals: figureRowSchema,
  trend: z.strictObject({ granularity: z.enum(['day', 'week', 'month']), points: z.array(trendPointSchema) }),
  /** Tables the scope has (a grid has no streets table): omitted when not applicable. */
  streets: z.array(figureRowSchema).optional(),
  categories: z.array(figureRowSchema).optional(),
  subcategories: z.array(figureRowSchema).optional().meta({ description: '按上报数排列的前20个小类' }),
  units: z.array(figureRowSchema).optional().meta({ description: '单位考核排行：按按时结案率、满意度排列' }),
  grids: z.array(figureRowSchema).optional().meta({ description: '热点网格：按上报数排列的前20个网格' }),
  filters: z.strictObject({ streets: z.array(namedCode), categories: z.array(namedCode) }).meta({ description: '本账号可选的筛选项' }),
});
export type Dashboard = z.output<typeof dashboardSchema>;

/** `GET /api/v1/stats/public`: the district's public figures (no personal data, no unit league). */
export const publicStatsSchema = z.strictObject({
  generatedAt: dateTime,
  countedUntil: dateTime.nullable(),
  periods: z.array(
    z.strictObject({
      key: z.enum(['week', 'month', 'sinceLaunch']),
      label: z.string().meta({ description: '本周、本月、上线以来' }),
      from: day,
      to: day,
      totals: z.strictObject({ filed: count, closed: count, closedOnTime: count, onTimeRate: rate, satisfactionAverage: z.number().min(1).max(5).nullable(), ratings: count }),
      byCategory: z.array(z.strictObject({ code: z.string(), name: z.string(), filed: count, closed: count })),
      byStreet: z.array(z.strictObject({ code: z.string(), name: z.string(), filed: count, closed: count })),
    }),
  ),
});
export type PublicStats = z.output<typeof publicStatsSchema>;
