import { describe, expect, it } from 'vitest';
import { chinaCalendar2026 as cal, HOUR_MS } from './calendar';
import {
  capClock,
  clockConsumedMs,
  clockProgress,
  clockRemainingMs,
  dueClockEvents,
  ESCALATE_RATIO,
  markClockEvent,
  nextClockCheckAt,
  pauseClock,
  recapClock,
  resumeClock,
  startClock,
  WARN_RATIO,
} from './sla';

const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const eightWorkingHours = { hours: 8, basis: 'working' } as const;

describe('startClock', () => {
  it('places warning, deadline and escalation at 80%, 100% and 150% of a working limit across a weekend', () => {
    const clock = startClock('handle', eightWorkingHours, bj('2026-03-06T16:00'), cal);
    expect(clock).toMatchObject({
      stage: 'handle',
      basis: 'working',
      limitMs: 8 * HOUR_MS,
      consumedMs: 0,
      runningSince: bj('2026-03-06T16:00'),
      warned: false,
      overdue: false,
      escalated: false,
    });
    // Friday 16:00–17:30 counts 1.5 h; the rest falls on Monday and Tuesday.
    expect(clock.warnAt).toEqual(bj('2026-03-09T14:54'));
    expect(clock.deadline).toEqual(bj('2026-03-09T16:30'));
    expect(clock.escalateAt).toEqual(bj('2026-03-10T11:30'));
    expect([WARN_RATIO, ESCALATE_RATIO]).toEqual([0.8, 1.5]);
  });

  it('counts a natural limit through the weekend', () => {
    const clock = startClock('accept', { hours: 24, basis: 'natural' }, bj('2026-03-07T10:00'), cal);
    expect(clock.deadline).toEqual(bj('2026-03-08T10:00'));
  });
});

describe('dueClockEvents and nextClockCheckAt', () => {
  const clock = startClock('handle', eightWorkingHours, bj('2026-03-06T16:00'), cal);

  it('announces nothing before the warning instant and names it as the next check', () => {
    expect(dueClockEvents(clock, bj('2026-03-09T14:53'))).toEqual([]);
    expect(nextClockCheckAt(clock)).toEqual(bj('2026-03-09T14:54'));
  });

  it('announces each threshold once it is reached, and only until it is marked', () => {
    expect(dueClockEvents(clock, bj('2026-03-09T14:54'))).toEqual(['warn']);
    const warned = markClockEvent(clock, 'warn');
    expect(dueClockEvents(warned, bj('2026-03-09T16:00'))).toEqual([]);
    expect(nextClockCheckAt(warned)).toEqual(bj('2026-03-09T16:30'));
    expect(dueClockEvents(warned, bj('2026-03-09T16:30'))).toEqual(['overdue']);
    const overdue = markClockEvent(warned, 'overdue');
    expect(nextClockCheckAt(overdue)).toEqual(bj('2026-03-10T11:30'));
    const escalated = markClockEvent(overdue, 'escalate');
    expect(dueClockEvents(escalated, bj('2026-04-01T10:00'))).toEqual([]);
    expect(nextClockCheckAt(escalated)).toBeNull();
  });

  it('announces every missed threshold at once when the scheduler comes late', () => {
    expect(dueClockEvents(clock, bj('2026-03-10T11:30'))).toEqual(['warn', 'overdue', 'escalate']);
  });

  it('reports the consumed fraction of the limit', () => {
    expect(clockProgress(clock, bj('2026-03-06T16:00'), cal)).toBe(0);
    expect(clockProgress(clock, bj('2026-03-09T09:00'), cal)).toBeCloseTo(2 / 8);
    expect(clockProgress(clock, bj('2026-03-09T16:30'), cal)).toBe(1);
  });
});

describe('pauseClock and resumeClock', () => {
  const started = startClock('handle', eightWorkingHours, bj('2026-03-09T09:00'), cal);

  it('stops the clock during a suspension and moves the deadline by the time spent suspended', () => {
    expect(started.deadline).toEqual(bj('2026-03-10T09:30'));
    const paused = pauseClock(started, bj('2026-03-09T15:30'), cal);
    expect(paused).toMatchObject({ consumedMs: 5 * HOUR_MS, runningSince: null, deadline: null, warnAt: null });
    expect(clockProgress(paused, bj('2026-03-11T15:30'), cal)).toBe(5 / 8);
    expect(dueClockEvents(paused, bj('2026-03-20T10:00'))).toEqual([]);
    expect(nextClockCheckAt(paused)).toBeNull();

    const resumed = resumeClock(paused, bj('2026-03-12T10:00'), cal);
    expect(resumed.runningSince).toEqual(bj('2026-03-12T10:00'));
    // 3 h of budget left from Thursday 10:00: two before lunch, one after.
    expect(resumed.deadline).toEqual(bj('2026-03-12T14:30'));
    expect(resumed.warnAt).toEqual(bj('2026-03-12T11:24'));
    expect(clockConsumedMs(resumed, bj('2026-03-12T14:30'), cal)).toBe(8 * HOUR_MS);
  });

  it('keeps a threshold already passed as history and still announces it on resume if it was missed', () => {
    const paused = pauseClock(started, bj('2026-03-10T09:00'), cal);
    expect(paused.consumedMs).toBe(7.5 * HOUR_MS);
    expect(paused.warnAt).toEqual(bj('2026-03-09T16:54'));
    expect(paused.deadline).toBeNull();
    const resumed = resumeClock(paused, bj('2026-03-11T08:30'), cal);
    expect(resumed.warnAt).toEqual(bj('2026-03-09T16:54'));
    expect(resumed.deadline).toEqual(bj('2026-03-11T09:00'));
    expect(dueClockEvents(resumed, bj('2026-03-11T08:30'))).toEqual(['warn']);
  });

  it('treats pausing a paused clock and resuming a running one as no-ops', () => {
    const paused = pauseClock(started, bj('2026-03-09T10:00'), cal);
    expect(pauseClock(paused, bj('2026-03-09T11:00'), cal)).toBe(paused);
    expect(resumeClock(started, bj('2026-03-09T11:00'), cal)).toBe(started);
  });
});

describe('clockRemainingMs', () => {
  it('counts down in working time, keeps its budget while paused and goes negative once overdue', () => {
    // Started Friday 16:00 with 8 working hours: 1.5 h used by Friday 17:30, none over the weekend.
    const clock = startClock('case', eightWorkingHours, bj('2026-03-13T16:00'), cal);
    expect(clockRemainingMs(clock, bj('2026-03-16T08:00'), cal)).toBe(6.5 * HOUR_MS);
    const paused = pauseClock(clock, bj('2026-03-16T09:30'), cal);
    expect(clockRemainingMs(paused, bj('2026-03-20T12:00'), cal)).toBe(5.5 * HOUR_MS);
    // Monday 7.5 h → 9 h used by 17:30: one hour over.
    expect(clockRemainingMs(clock, bj('2026-03-16T17:30'), cal)).toBe(-1 * HOUR_MS);
  });
});

describe('capClock', () => {
  const start = new Date('2026-11-30T09:00:00+08:00');
  const fiveDays = { hours: 5 * 7.5, basis: 'working' as const };

  it('holds a new clock to an earlier outside deadline, thresholds included', () => {
    const clock = startClock('case', fiveDays, start, cal);
    const cap = new Date('2026-12-01T09:00:00+08:00');
    const capped = capClock(clock, cap, cal);
    expect(capped.deadline).toEqual(cap);
    expect(capped.limitMs).toBe(7.5 * 3_600_000);
    expect(capped.warnAt!.getTime()).toBeLessThan(cap.getTime());
  });

  it('holds a resumed clock to an earlier outside deadline, counting what it consumed before', () => {
    const running = startClock('case', fiveDays, start, cal);
    const paused = pauseClock(running, new Date('2026-11-30T16:30:00+08:00'), cal);
    const resumed = resumeClock(paused, new Date('2026-12-02T09:00:00+08:00'), cal);
    const cap = new Date('2026-12-03T09:00:00+08:00');
    const capped = capClock(resumed, cap, cal);
    expect(capped.deadline).toEqual(cap);
    expect(capped.limitMs).toBe(paused.consumedMs + 7.5 * 3_600_000);
    expect(capped.consumedMs).toBe(paused.consumedMs);
    expect(capClock(resumed, new Date('2026-12-31T17:30:00+08:00'), cal)).toEqual(resumed);
    expect(capClock(paused, cap, cal)).toEqual(paused);
  });

  it('never loosens the clock for a later outside deadline', () => {
    const clock = startClock('case', fiveDays, start, cal);
    expect(capClock(clock, new Date('2026-12-31T17:30:00+08:00'), cal)).toEqual(clock);
  });
});

describe('recapClock', () => {
  const start = new Date('2026-11-30T09:00:00+08:00');
  const fiveDays = { hours: 5 * 7.5, basis: 'working' as const };
  const held = () => capClock(startClock('case', fiveDays, start, cal), new Date('2026-12-01T09:00:00+08:00'), cal);

  it('moves a clock held to an outside deadline to the later date that replaces it', () => {
    const later = new Date('2026-12-03T09:00:00+08:00');
    const moved = recapClock(held(), later, cal);
    expect(moved.deadline).toEqual(later);
    expect(moved.limitMs).toBe(3 * 7.5 * 3_600_000);
    expect(moved.warnAt!.getTime()).toBeLessThan(later.getTime());
    expect(moved.escalateAt!.getTime()).toBeGreaterThan(later.getTime());
  });

  it('goes back no further than our own limit, however late the new date', () => {
    const own = startClock('case', fiveDays, start, cal);
    const moved = recapClock(held(), new Date('2026-12-31T17:30:00+08:00'), cal);
    expect(moved.limitMs).toBe(own.limitMs);
    expect(moved.deadline).toEqual(own.deadline);
    expect(moved.ownLimitMs).toBeUndefined();
  });

  it('holds a clock never held before like capClock, and leaves a paused or overdue clock as it is', () => {
    const fresh = startClock('case', fiveDays, start, cal);
    const cap = new Date('2026-12-01T09:00:00+08:00');
    expect(recapClock(fresh, cap, cal)).toEqual(capClock(fresh, cap, cal));
    const paused = pauseClock(held(), new Date('2026-11-30T16:30:00+08:00'), cal);
    expect(recapClock(paused, new Date('2026-12-03T09:00:00+08:00'), cal)).toEqual(paused);
    const overdue = markClockEvent(markClockEvent(held(), 'warn'), 'overdue');
    expect(recapClock(overdue, new Date('2026-12-03T09:00:00+08:00'), cal)).toEqual(overdue);
  });
});
