import { DAY_MS, HOUR_MS } from './calendar';

/** The district's time zone: Asia/Shanghai, UTC+8 all year (China keeps no daylight saving time). */
export const districtTimeZone = 'Asia/Shanghai';
const offsetMs = 8 * HOUR_MS;

/**
 * Where the public figures' periods begin, as residents count them: this week from Monday 00:00
 * and this month from the 1st 00:00, Beijing time.
 */
export function districtPeriodStarts(now: Date): { week: Date; month: Date } {
  const local = new Date(now.getTime() + offsetMs);
  const localMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  return {
    week: new Date(localMidnight - daysSinceMonday * DAY_MS - offsetMs),
    month: new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - offsetMs),
  };
}
