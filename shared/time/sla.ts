import type { StageKey, TimeLimit } from '../catalog/types';
import { addMs, elapsed, limitToMs, type TimeBasis, type WorkingCalendar } from './calendar';

/** Share of the limit at which the owner is warned that the deadline is near (临期预警). */
export const WARN_RATIO = 0.8;
/** Share of the limit at which the stage is overdue; the case machine turns it into an automatic 催办. */
export const OVERDUE_RATIO = 1;
/**
 * Share of the limit at which the case is escalated to the tier above. Half a limit past the
 * deadline: an automatic 催办 has gone unanswered for that long, so the street can no longer be
 * expected to move the owner on its own and the district centre's 督办 authority is needed.
 */
export const ESCALATE_RATIO = 1.5;

/** The things a stage clock announces, each at most once per clock. */
export type ClockEventKind = 'warn' | 'overdue' | 'escalate';

/**
 * A clock against a time limit: the current stage's, or the whole case's (办结时限). Time is
 * counted in the limit's basis (working or natural ms). Threshold instants still ahead are unknown
 * while the clock is paused (null) and recomputed from the remaining budget on resume; instants
 * already passed stay as history.
 */
export interface Clock<K extends string = string> {
  /** What the clock times: a stage, or `case` for the case-level deadline. */
  stage: K;
  basis: TimeBasis;
  limitMs: number;
  /** Our own limit, kept when an outside deadline (a hotline centre's) held `limitMs` shorter: a later date of that centre restores up to it. */
  ownLimitMs?: number;
  startedAt: Date;
  /** Time consumed in earlier runs, before the current one. */
  consumedMs: number;
  /** Start of the current run; null while paused (挂起). */
  runningSince: Date | null;
  /** When 100% of the limit is consumed. */
  deadline: Date | null;
  /** When 80% of the limit is consumed. */
  warnAt: Date | null;
  /** When 150% of the limit is consumed. */
  escalateAt: Date | null;
  warned: boolean;
  overdue: boolean;
  escalated: boolean;
}

/** The clock of the current stage; it restarts with every new stage. */
export type StageClock = Clock<StageKey>;

/**
 * The case-level clock (办结时限): started at acceptance, paused by suspensions like the stage
 * clock, and never restarted by a return, a reassignment or a send-back, so passing a case back
 * and forth cannot reset it.
 */
export type CaseClock = Clock<'case'>;

const thresholds = [
  { kind: 'warn', at: 'warnAt', flag: 'warned', ratio: WARN_RATIO },
  { kind: 'overdue', at: 'deadline', flag: 'overdue', ratio: OVERDUE_RATIO },
  { kind: 'escalate', at: 'escalateAt', flag: 'escalated', ratio: ESCALATE_RATIO },
] as const;

function thresholdMs(clock: Clock, ratio: number): number {
  return Math.round(clock.limitMs * ratio);
}

/** Fills in every unknown threshold instant from the budget left, counting from `now`. */
function schedule<C extends Clock>(clock: C, now: Date, cal: WorkingCalendar): C {
  const next = { ...clock };
  for (const t of thresholds) {
    if (next[t.at] === null) {
      next[t.at] = addMs(now, Math.max(0, thresholdMs(clock, t.ratio) - clock.consumedMs), clock.basis, cal);
    }
  }
  return next;
}

/** Starts the clock of a stage (or of the case) at `now` with the catalog's limit for it. */
export function startClock<K extends string>(stage: K, limit: TimeLimit, now: Date, cal: WorkingCalendar): Clock<K> {
  const clock: Clock<K> = {
    stage,
    basis: limit.basis,
    limitMs: limitToMs(limit),
    startedAt: now,
    consumedMs: 0,
    runningSince: now,
    deadline: null,
    warnAt: null,
    escalateAt: null,
    warned: false,
    overdue: false,
    escalated: false,
  };
  return schedule(clock, now, cal);
}

/**
 * A running clock (just started, or just resumed) held to an outside deadline as well (a hotline
 * centre's 办结时限): when the deadline comes before the clock's own, the limit shrinks to what was
 * consumed plus the time left until it, so the thresholds still ahead (80 %, 100 %, 150 %) follow
 * the earlier date. A later outside deadline, or a clock already past its own, changes nothing:
 * our own catalog limit is never loosened.
 */
export function capClock<C extends Clock>(clock: C, cap: Date, cal: WorkingCalendar): C {
  const since = clock.runningSince;
  if (!since || !clock.deadline || clock.deadline.getTime() <= cap.getTime()) return clock;
  const left = Math.max(0, elapsed(since, cap, clock.basis, cal));
  const keepIfPassed = (at: Date | null) => (at && at.getTime() <= since.getTime() ? at : null);
  return schedule(
    { ...clock, limitMs: clock.consumedMs + left, ownLimitMs: clock.ownLimitMs ?? clock.limitMs, deadline: null, warnAt: keepIfPassed(clock.warnAt), escalateAt: keepIfPassed(clock.escalateAt) },
    since,
    cal,
  );
}

/**
 * The clock under an outside deadline that replaces the one it was held to (a hotline centre
 * granting 延期): back to our own limit, then held to the new date when that is earlier. Our own
 * limit is never loosened. A paused clock, or one already past its deadline (the overdue was
 * announced, and stays history), keeps its limit.
 */
export function recapClock<C extends Clock>(clock: C, cap: Date, cal: WorkingCalendar): C {
  const since = clock.runningSince;
  if (!since || clock.overdue || clock.ownLimitMs === undefined) return capClock(clock, cap, cal);
  const { ownLimitMs, ...rest } = clock;
  const keepIfPassed = (at: Date | null) => (at && at.getTime() <= since.getTime() ? at : null);
  const own = schedule({ ...rest, limitMs: ownLimitMs, deadline: null, warnAt: keepIfPassed(clock.warnAt), escalateAt: keepIfPassed(clock.escalateAt) } as C, since, cal);
  return capClock(own, cap, cal);
}

/** Time consumed so far, in ms of the clock's basis. */
export function clockConsumedMs(clock: Clock, now: Date, cal: WorkingCalendar): number {
  if (!clock.runningSince) return clock.consumedMs;
  return clock.consumedMs + Math.max(0, elapsed(clock.runningSince, now, clock.basis, cal));
}

/** Stops the clock (suspension): consumption is banked; an already paused clock is returned as is. */
export function pauseClock<C extends Clock>(clock: C, now: Date, cal: WorkingCalendar): C {
  if (!clock.runningSince) return clock;
  const t = now.getTime();
  const keepIfPassed = (at: Date | null) => (at && at.getTime() <= t ? at : null);
  return {
    ...clock,
    consumedMs: clockConsumedMs(clock, now, cal),
    runningSince: null,
    deadline: keepIfPassed(clock.deadline),
    warnAt: keepIfPassed(clock.warnAt),
    escalateAt: keepIfPassed(clock.escalateAt),
  };
}

/** Restarts a paused clock at `now`; thresholds still ahead are recomputed from the remaining budget. */
export function resumeClock<C extends Clock>(clock: C, now: Date, cal: WorkingCalendar): C {
  if (clock.runningSince) return clock;
  return schedule({ ...clock, runningSince: now }, now, cal);
}

/** Fraction of the limit consumed (may exceed 1); a zero limit counts as fully consumed. */
export function clockProgress(clock: Clock, now: Date, cal: WorkingCalendar): number {
  if (clock.limitMs <= 0) return 1;
  return clockConsumedMs(clock, now, cal) / clock.limitMs;
}

/**
 * The announcements due at `now` and not yet made, in order. The threshold instants were converted
 * with the calendar when the clock started or resumed, so no calendar is needed here, and the
 * answer agrees to the millisecond with {@link nextClockCheckAt}. A paused clock announces nothing.
 */
export function dueClockEvents(clock: Clock, now: Date): ClockEventKind[] {
  if (!clock.runningSince) return [];
  const t = now.getTime();
  return thresholds
    .filter((th) => {
      const at = clock[th.at];
      return !clock[th.flag] && at !== null && at.getTime() <= t;
    })
    .map((th) => th.kind);
}

/** Records that an announcement was made, so that it is never made twice. */
export function markClockEvent<C extends Clock>(clock: C, kind: ClockEventKind): C {
  const th = thresholds.find((x) => x.kind === kind)!;
  return { ...clock, [th.flag]: true };
}

/**
 * The earliest instant a scheduler must look at this clock again: the next of warnAt, deadline and
 * escalateAt not yet announced. Null while paused or once everything has been announced.
 */
export function nextClockCheckAt(clock: Clock): Date | null {
  if (!clock.runningSince) return null;
  let earliest: Date | null = null;
  for (const th of thresholds) {
    const at = clock[th.at];
    if (!clock[th.flag] && at && (!earliest || at.getTime() < earliest.getTime())) earliest = at;
  }
  return earliest;
}

/**
 * Time left before the deadline at `now`, in ms of the clock's basis; negative once overdue. A
 * paused clock keeps the budget it had when it stopped.
 */
export function clockRemainingMs(clock: Clock, now: Date, cal: WorkingCalendar): number {
  return clock.limitMs - clockConsumedMs(clock, now, cal);
}
