import type { WorkingCalendar } from '../../time/calendar';
import { capClock, markClockEvent, pauseClock, resumeClock, type ClockEventKind, type Clock } from '../../time/sla';
import type { CaseRecord, JsonValue } from '../types';
import { iso } from './step';

/** The case clock stopped for good (closing, merging) or for a while (suspension): its time used is kept. */
export function pausedCaseClock(record: CaseRecord, now: Date, cal: WorkingCalendar): Partial<CaseRecord> {
  return record.caseClock ? { caseClock: pauseClock(record.caseClock, now, cal) } : {};
}

/** The case clock running again (end of a suspension, reopening), from the budget it had left. */
export function resumedCaseClock(record: CaseRecord, now: Date, cal: WorkingCalendar): Partial<CaseRecord> {
  return record.caseClock ? { caseClock: resumeClock(record.caseClock, now, cal) } : {};
}

/** The case clock of a patch held to an outside deadline when there is one (a hotline's 发回重办 date). */
export function cappedCaseClock(patch: Partial<CaseRecord>, cap: Date | undefined, cal: WorkingCalendar): Partial<CaseRecord> {
  return cap && patch.caseClock ? { caseClock: capClock(patch.caseClock, cap, cal) } : patch;
}

export function mark<C extends Clock>(clock: C | null | undefined, kind: ClockEventKind): C {
  // The rules only allow clock events when the clock has the threshold due.
  if (!clock) throw new Error('invariant: clock event on a case without that clock');
  return markClockEvent(clock, kind);
}

export function clockData(clock: Clock | null | undefined): { [key: string]: JsonValue } | undefined {
  return clock ? { stage: clock.stage, deadline: iso(clock.deadline) } : undefined;
}
