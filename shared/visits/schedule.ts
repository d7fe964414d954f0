import { DAY_MS, HOUR_MS, isWorkingDay, localDate, type WorkingCalendar } from '../time/calendar';
import { riskLevels, type RiskLevel, type Span, type VisitCategory } from './types';

/** What the schedule needs of a person on the register. */
export interface SchedulePerson {
  risk: RiskLevel;
  registeredAt: Date;
  /** The last major change (出院、监护人变化…) recorded on the register, if any. */
  majorChangeAt?: Date;
}

export type ScheduleState = 'scheduled' | 'due_soon' | 'overdue';

/** A person's next visit: when it is owed, when to remind, when lateness is told to whom. */
export interface VisitSchedule {
  dueAt: Date;
  /** `routine`: the risk level's frequency; `major_change`: within hours of a major change; `yearly_minimum`: the category's visits a year. */
  reason: 'routine' | 'major_change' | 'yearly_minimum';
  warnAt: Date;
  escalations: { to: 'grid_leader' | 'community'; at: Date }[];
  state: ScheduleState;
  /** Time past due, 0 before it. */
  latenessMs: number;
  /** The escalations already due at `now`, in order. */
  escalatedTo: ('grid_leader' | 'community')[];
}

const dateMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => dateOf(dateMs(date) + days * DAY_MS);

/** `date` plus whole calendar months; the 31st becomes the month's last day (1月31日 + 1 → 2月28日). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return dateOf(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)));
}

/** The first instant after the local date `date` ends: a visit due that day may be made until then. */
function endOfLocalDate(date: string, cal: WorkingCalendar): Date {
  return new Date(dateMs(date) + DAY_MS - cal.utcOffsetMinutes * 60_000);
}

function startOfLocalDate(date: string, cal: WorkingCalendar): Date {
  return new Date(dateMs(date) - cal.utcOffsetMinutes * 60_000);
}

// Beyond any holiday break; stops a walk over a calendar with no working day at all.
const MAX_WALK_DAYS = 60;

function nextWorkingDate(date: string, cal: WorkingCalendar): string {
  let d = date;
  for (let i = 0; i < MAX_WALK_DAYS && !isWorkingDay(d, cal); i += 1) d = addDays(d, 1);
  return d;
}

/** The date on which `n` working days have passed after `date` (the date itself not counted). */
function workingDaysAfter(date: string, n: number, cal: WorkingCalendar): string {
  let d = date;
  for (let counted = 0, i = 0; counted < n && i < MAX_WALK_DAYS * n; i += 1) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) counted += 1;
  }
  return d;
}

/** The date from which `n` working days up to and including `date` remain (a reminder 3 working days ahead). */
function workingDaysBefore(date: string, n: number, cal: WorkingCalendar): string {
  let d = date;
  let counted = isWorkingDay(d, cal) ? 1 : 0;
  for (let i = 0; counted < n && i < MAX_WALK_DAYS * n; i += 1) {
    d = addDays(d, -1);
    if (isWorkingDay(d, cal)) counted += 1;
  }
  return d;
}

function before(due: Date, span: Span, cal: WorkingCalendar): Date {
  if ('hours' in span) return new Date(due.getTime() - span.hours * HOUR_MS);
  return startOfLocalDate(workingDaysBefore(localDate(new Date(due.getTime() - 1), cal), span.workingDays, cal), cal);
}

function after(due: Date, span: Span, cal: WorkingCalendar): Date {
  if ('hours' in span) return new Date(due.getTime() + span.hours * HOUR_MS);
  return endOfLocalDate(workingDaysAfter(localDate(new Date(due.getTime() - 1), cal), span.workingDays, cal), cal);
}

/**
 * The next visit owed to a person, pure: from the category's rule for the person's risk level, the
 * last visit (or the registration, before any), a major change since, and the holiday calendar.
 * Reads no clock: `now` only places the schedule (due soon, overdue, escalated).
 */
export function visitSchedule(category: VisitCategory, person: SchedulePerson, lastVisitAt: Date | undefined, now: Date, cal: WorkingCalendar): VisitSchedule {
  const rule = category.rules[person.risk];
  const baseDate = localDate(lastVisitAt ?? person.registeredAt, cal);
  const every = rule.frequency.every;
  let dueDate = 'days' in every ? addDays(baseDate, every.days) : addMonths(baseDate, every.months);
  let reason: VisitSchedule['reason'] = 'routine';
  if (category.minVisitsPerYear) {
    const cap = addMonths(baseDate, Math.floor(12 / category.minVisitsPerYear));
    if (cap < dueDate) {
      dueDate = cap;
      reason = 'yearly_minimum';
    }
  }
  if (rule.frequency.onDayOff === 'next_working_day') dueDate = nextWorkingDate(dueDate, cal);
  let dueAt = endOfLocalDate(dueDate, cal);
  const change = person.majorChangeAt;
  if (category.majorChangeWithinHours && change && (!lastVisitAt || change > lastVisitAt)) {
    const changeDue = new Date(change.getTime() + category.majorChangeWithinHours * HOUR_MS);
    if (changeDue < dueAt) {
      dueAt = changeDue;
      reason = 'major_change';
    }
  }
  const warnAt = reason === 'major_change' ? change! : before(dueAt, rule.warnBefore, cal);
  const escalations = rule.escalations.map((e) => ({ to: e.to, at: after(dueAt, e.after, cal) }));
  const t = now.getTime();
  return {
    dueAt,
    reason,
    warnAt,
    escalations,
    state: t >= dueAt.getTime() ? 'overdue' : t >= warnAt.getTime() ? 'due_soon' : 'scheduled',
    latenessMs: Math.max(0, t - dueAt.getTime()),
    escalatedTo: escalations.filter((e) => e.at.getTime() <= t).map((e) => e.to),
  };
}

/** Worklist order: red before yellow before blue, then the latest first, then the soonest due. */
export function compareWorklist(a: { risk: RiskLevel; schedule: VisitSchedule }, b: { risk: RiskLevel; schedule: VisitSchedule }): number {
  return (
    riskLevels.indexOf(a.risk) - riskLevels.indexOf(b.risk) ||
    b.schedule.latenessMs - a.schedule.latenessMs ||
    a.schedule.dueAt.getTime() - b.schedule.dueAt.getTime()
  );
}
