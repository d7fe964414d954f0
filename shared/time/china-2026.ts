import type { WorkingCalendar } from './calendar';

/**
 * Mainland China working calendar for 2026, per the State Council's holiday notice
 * (国务院办公厅关于2026年部分节假日安排的通知). Office hours follow Hefei government offices:
 * 08:30–12:00 and 13:30–17:30.
 *
 * This is data, not code: administrators replace it every year when the next notice is published,
 * and a new calendar applies to clocks started or resumed after it is loaded. Holiday lists carry
 * every day of each break, weekend days included, so the list reads like the notice.
 */
export const chinaCalendar2026: WorkingCalendar = {
  utcOffsetMinutes: 480,
  periods: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  holidays: [
    // 元旦: 1月1日（周四）至3日（周六）
    '2026-01-01', '2026-01-02', '2026-01-03',
    // 春节: 2月15日（周日）至23日（周一）
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
    '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    // 清明节: 4月4日（周六）至6日（周一）
    '2026-04-04', '2026-04-05', '2026-04-06',
    // 劳动节: 5月1日（周五）至5日（周二）
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    // 端午节: 6月19日（周五）至21日（周日）
    '2026-06-19', '2026-06-20', '2026-06-21',
    // 中秋节: 9月25日（周五）至27日（周日）
    '2026-09-25', '2026-09-26', '2026-09-27',
    // 国庆节: 10月1日（周四）至7日（周三）
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  makeupWorkdays: [
    '2026-01-04', // 元旦调休（周日）
    '2026-02-14', // 春节调休（周六）
    '2026-02-28', // 春节调休（周六）
    '2026-05-09', // 劳动节调休（周六）
    '2026-09-20', // 国庆节调休（周日）
    '2026-10-10', // 国庆节调休（周六）
  ],
};
