import { z } from 'zod';
import { dateTime } from './common';

const count = z.number().int().min(0);

/** Reported and closed cases of one top category or one street. */
export const figureBreakdownSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  reported: count.meta({ description: '上报数' }),
  closed: count.meta({ description: '其中已结案数' }),
});
export type FigureBreakdown = z.output<typeof figureBreakdownSchema>;

/**
 * The district's figures for the cases filed in one period. Counted per case: reported leaves out
 * rejected (不予受理) and merged (duplicate) cases; closed, on time and ratings are of those cases.
 */
export const periodFiguresSchema = z.strictObject({
  from: dateTime.nullable().meta({ description: '统计起点（北京时间周一或每月1日零时）；自上线以来为 null' }),
  reported: count.meta({ description: '期间上报的案件数（不含不予受理与合并的重复案件）' }),
  closed: count.meta({ description: '其中已结案的件数' }),
  closedOnTime: count.meta({ description: '其中按时结案（办结时限未超时）的件数' }),
  onTimeRate: z.number().min(0).max(1).nullable().meta({ description: '按时结案率 = closedOnTime / closed，四位小数；尚无结案时为 null' }),
  satisfaction: z.strictObject({
    average: z.number().min(1).max(5).nullable().meta({ description: '平均满意度（1–5，两位小数）；尚无评价时为 null' }),
    ratings: count.meta({ description: '评价件数' }),
  }),
  byCategory: z.array(figureBreakdownSchema).meta({ description: '按问题大类：当前服务清单的每个大类（含为零者），清单中已没有的大类排在后面' }),
  byStreet: z.array(figureBreakdownSchema).meta({ description: '按街镇：每个街镇（含为零者），按编号排列' }),
});
export type PeriodFigures = z.output<typeof periodFiguresSchema>;

/** `GET /api/v1/figures`: the public portal's district totals, no personal data. */
export const districtFiguresSchema = z.strictObject({
  generatedAt: dateTime.meta({ description: '统计时刻：数字至多缓存 60 秒' }),
  timeZone: z.literal('Asia/Shanghai'),
  week: periodFiguresSchema.meta({ description: '本周（周一零时起）上报的案件' }),
  month: periodFiguresSchema.meta({ description: '本月（1日零时起）上报的案件' }),
  sinceLaunch: periodFiguresSchema.meta({ description: '上线以来的全部案件' }),
});
export type DistrictFigures = z.output<typeof districtFiguresSchema>;
