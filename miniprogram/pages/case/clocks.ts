import type { CaseDetail } from '../../services/cases';
import { formatDateTime, formatRemaining } from '../../utils/format';

type Clock = NonNullable<CaseDetail['clock']>;

export interface ClockLine {
  label: string;
  text: string;
  late: boolean;
  deadline: string | null;
}

/**
 * A clock as the page shows it `now`, from the view read at `readAt`. A natural-day limit counts
 * down to its deadline; a working-time limit does not run nights and weekends, so its remaining
 * time only falls while the view is open (a reload on show brings the server's figure back).
 */
export function clockLine(label: string, clock: Clock | null | undefined, readAt: number, now: number): ClockLine | null {
  if (!clock) return null;
  const deadline = clock.deadline ? formatDateTime(clock.deadline) : null;
  if (clock.paused) return { label, text: '已暂停', late: false, deadline };
  const remaining =
    clock.basis === 'natural' && clock.deadline ? new Date(clock.deadline).getTime() - now : clock.remainingMs - Math.max(0, now - readAt);
  return { label, text: formatRemaining(remaining), late: remaining < 0 || clock.overdue, deadline };
}
