/**
 * The dashboard's periods: presets counted from today in Beijing time (inclusive days, as the API
 * counts them), and the checks a custom range must pass before it is asked for. Pure: `now` is an
 * argument.
 */
export const periodPresets = ['week', 'month', 'lastMonth', 'quarter', 'year', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

export const presetLabels: Record<PeriodPreset, string> = {
  week: '本周',
  month: '本月',
  lastMonth: '上月',
  quarter: '本季度',
  year: '本年',
  custom: '自定义',
};

export interface DayRange {
  from: string;
  to: string;
}

/** The API answers at most this many days at once. */
export const MAX_PERIOD_DAYS = 366;

const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (year: number, month: number, day: number) => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function beijingToday(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** The days of a preset ending today (上月: the whole of last month). `custom` keeps the month. */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now: Date): DayRange {
  const today = beijingToday(now);
  const [year, month, day] = parts(today);
  switch (preset) {
    case 'week': {
      // Weeks start on Monday, as the API's weekly trend does.
      const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
      return { from: dayOf(year, month, day - weekday), to: today };
    }
    case 'month':
      return { from: dayOf(year, month, 1), to: today };
    case 'lastMonth':
      return { from: dayOf(year, month - 1, 1), to: dayOf(year, month, 0) };
    case 'quarter':
      return { from: dayOf(year, month - ((month - 1) % 3), 1), to: today };
    case 'year':
      return { from: dayOf(year, 1, 1), to: today };
  }
}

/** Inclusive days from `from` to `to`. */
export function daysIn(range: DayRange): number {
  const [fy, fm, fd] = parts(range.from);
  const [ty, tm, td] = parts(range.to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / DAY_MS) + 1;
}

/** Why a custom range cannot be asked for, in words; null when it can. */
export function rangeProblem(range: DayRange, now: Date): string | null {
  if (range.from > range.to) return '开始日期不能晚于结束日期';
  if (range.from > beijingToday(now)) return '开始日期不能晚于今天';
  if (daysIn(range) > MAX_PERIOD_DAYS) return `统计区间最长 ${MAX_PERIOD_DAYS} 天`;
  return null;
}

/** `2026-11-01 至 2026-11-28`, or the one day. */
export function rangeLabel(range: DayRange): string {
  return range.from === range.to ? range.from : `${range.from} 至 ${range.to}`;
}
