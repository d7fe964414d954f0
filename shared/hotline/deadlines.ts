import { addWorkingMs, HOUR_MS, type WorkingCalendar } from '../time/calendar';
import type { HotlineChannel, WorkOrderType } from './work-order';

/**
 * The hotline's own time rules, per channel, as data: how long we have to sign an order, the
 * window in which we may return it, and the reply limit by type when an order carries none.
 * Counted in working hours on the platform's calendar (its holidays and make-up days).
 */
export interface ChannelTimeRules {
  signWithinWorkingHours: number;
  returnWithinWorkingHours: number;
  replyWorkingDays: Record<WorkOrderType, number>;
}

/** A working day as the hotlines count it: the calendar's office hours of one day (7.5 h in Hefei). */
export function workingDayMs(calendar: WorkingCalendar): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return calendar.periods.reduce((sum, period) => sum + (minutes(period.end) - minutes(period.start)) * 60_000, 0);
}

export const hotlineTimeRules: Record<HotlineChannel, ChannelTimeRules> = {
  // 12345: 1 working hour to sign, 1 working day to return, 5 working days to reply (consultations 1).
  '12345': { signWithinWorkingHours: 1, returnWithinWorkingHours: 7.5, replyWorkingDays: { 诉求: 5, 投诉: 5, 咨询: 1, 求助: 3, 建议: 10, 举报: 5 } },
  // 12319: urban-management events are short: 2 working hours to sign, 4 to return, 3 days to reply.
  '12319': { signWithinWorkingHours: 2, returnWithinWorkingHours: 4, replyWorkingDays: { 诉求: 3, 投诉: 3, 咨询: 1, 求助: 3, 建议: 5, 举报: 3 } },
};

/** The instant `days` working days of office time after `start`, on the calendar. */
export function addWorkingDays(start: Date, days: number, calendar: WorkingCalendar): Date {
  return addWorkingMs(start, days * workingDayMs(calendar), calendar);
}

/** The centre's deadlines for one order received at `receivedAt`: signing, the return window, the reply. */
export function centreDeadlines(channel: HotlineChannel, type: WorkOrderType, receivedAt: Date, calendar: WorkingCalendar, orderDeadline?: Date) {
  const rules = hotlineTimeRules[channel];
  const byRule = addWorkingDays(receivedAt, rules.replyWorkingDays[type], calendar);
  return {
    signBy: addWorkingMs(receivedAt, rules.signWithinWorkingHours * HOUR_MS, calendar),
    returnBy: addWorkingMs(receivedAt, rules.returnWithinWorkingHours * HOUR_MS, calendar),
    // The order's own deadline rules when it brings one; the channel's rule otherwise.
    replyBy: orderDeadline ?? byRule,
  };
}

/**
 * The deadline a hotline case is held to: the earlier of ours (the catalog's limit) and the
 * centre's. A centre's later date never loosens our own catalog limit; an earlier one tightens it.
 */
export function effectiveDeadline(ours: Date | null | undefined, centre: Date): Date {
  return ours && ours.getTime() < centre.getTime() ? ours : centre;
}

/** Whether a return (退回) is still allowed at `now`. */
export function mayReturn(returnBy: Date, now: Date): boolean {
  return now.getTime() <= returnBy.getTime();
}
