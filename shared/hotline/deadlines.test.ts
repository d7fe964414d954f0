import { describe, expect, it } from 'vitest';
import { chinaCalendar2026 } from '../time/calendar';
import { addWorkingDays, centreDeadlines, effectiveDeadline, mayReturn, workingDayMs } from './deadlines';

const at = (iso: string) => new Date(iso);

describe('hotline deadlines on the working calendar', () => {
  it('counts a working day as the calendar office hours (7.5 h in Hefei)', () => {
    expect(workingDayMs(chinaCalendar2026)).toBe(7.5 * 3_600_000);
  });

  it('skips weekends and the National Day holiday when adding working days', () => {
    // Friday 2026-11-27 09:00 + 1 working day = Monday 2026-11-30 09:00 (local).
    expect(addWorkingDays(at('2026-11-27T09:00:00+08:00'), 1, chinaCalendar2026)).toEqual(at('2026-11-30T09:00:00+08:00'));
    // Wednesday 2026-09-30 10:00 + 1 working day: 10-01..10-07 are off, 2026-10-10 (Saturday) is a make-up day.
    const next = addWorkingDays(at('2026-09-30T10:00:00+08:00'), 1, chinaCalendar2026);
    expect(next.getTime()).toBeGreaterThan(at('2026-10-07T23:59:00+08:00').getTime());
  });

  it('takes the order deadline when it brings one and the channel rule by type otherwise', () => {
    const received = at('2026-11-30T09:00:00+08:00');
    const own = at('2026-12-02T17:30:00+08:00');
    expect(centreDeadlines('12345', '投诉', received, chinaCalendar2026, own).replyBy).toEqual(own);
    expect(centreDeadlines('12345', '咨询', received, chinaCalendar2026).replyBy).toEqual(at('2026-12-01T09:00:00+08:00'));
    expect(centreDeadlines('12345', '投诉', received, chinaCalendar2026).signBy).toEqual(at('2026-11-30T10:00:00+08:00'));
    expect(centreDeadlines('12319', '投诉', received, chinaCalendar2026).returnBy).toEqual(at('2026-11-30T14:30:00+08:00'));
  });

  it('never loosens our limit: the case is held to the earlier of ours and the centre deadline', () => {
    const ours = at('2026-12-01T17:30:00+08:00');
    expect(effectiveDeadline(ours, at('2026-12-05T17:30:00+08:00'))).toEqual(ours);
    expect(effectiveDeadline(ours, at('2026-11-30T17:30:00+08:00'))).toEqual(at('2026-11-30T17:30:00+08:00'));
    expect(effectiveDeadline(null, at('2026-11-30T17:30:00+08:00'))).toEqual(at('2026-11-30T17:30:00+08:00'));
  });

  it('allows a return until the end of the window and not after', () => {
    const by = at('2026-11-30T14:30:00+08:00');
    expect(mayReturn(by, by)).toBe(true);
    expect(mayReturn(by, at('2026-11-30T14:30:01+08:00'))).toBe(false);
  });
});
