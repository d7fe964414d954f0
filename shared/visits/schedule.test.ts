import { describe, expect, it } from 'vitest';
import { chinaCalendar2026 as cal } from '../time/calendar';
import { baoheVisitCategories } from './baohe-categories';
import { findVisitCategory } from './config';
import { addMonths, compareWorklist, visitSchedule, type SchedulePerson } from './schedule';
import type { RiskLevel, VisitCategory } from './types';

const category = (code: string): VisitCategory => findVisitCategory(baoheVisitCategories, code)!;
/** A local (UTC+8) wall-clock time as an instant. */
const local = (text: string) => new Date(`${text}+08:00`);
const person = (risk: RiskLevel, extra: Partial<SchedulePerson> = {}): SchedulePerson => ({ risk, registeredAt: local('2026-01-01T09:00:00'), ...extra });
const iso = (d: Date) => d.toISOString();

describe('visitSchedule: key (yellow) monthly, moved off days off, escalated in working days', () => {
  it('is due at the end of the same date next month, reminded 3 working days ahead, escalated across the National Day break', () => {
    const s = visitSchedule(category('elderly'), person('yellow'), local('2026-08-30T10:00:00'), local('2026-09-01T00:00:00'), cal);
    expect(iso(s.dueAt)).toBe('2026-09-30T16:00:00.000Z');
    expect(iso(s.warnAt)).toBe('2026-09-27T16:00:00.000Z'); // 28, 29, 30 September
    // 1–7 October are holidays: 8 and 9 October are the two working days; then the make-up Saturday 10th, the 12th and 13th.
    expect(s.escalations.map((e) => [e.to, iso(e.at)])).toEqual([
      ['grid_leader', '2026-10-09T16:00:00.000Z'],
      ['community', '2026-10-13T16:00:00.000Z'],
    ]);
  });

  it('moves a due date on a holiday to the next working day, and reminds counting back over the break', () => {
    const s = visitSchedule(category('elderly'), person('yellow'), local('2026-09-02T15:00:00'), local('2026-09-02T16:00:00'), cal);
    expect(iso(s.dueAt)).toBe('2026-10-08T16:00:00.000Z');
    expect(iso(s.warnAt)).toBe('2026-09-28T16:00:00.000Z'); // 8 October, 30 and 29 September
  });

  it('keeps a due date on a make-up working Saturday and clamps the 31st to the month end', () => {
    const s = visitSchedule(category('low_income'), person('yellow'), local('2026-01-31T09:00:00'), local('2026-02-01T09:00:00'), cal);
    expect(iso(s.dueAt)).toBe('2026-02-28T16:00:00.000Z'); // 2026-02-28 is 春节调休
  });

  it('moves a due date that falls in the Spring Festival past the whole break', () => {
    const s = visitSchedule(category('veterans_entitled'), person('yellow'), local('2026-01-16T09:00:00'), local('2026-01-16T10:00:00'), cal);
    expect(iso(s.dueAt)).toBe('2026-02-24T16:00:00.000Z'); // 16 February is in 15–23 February
  });
});

describe('visitSchedule: general (blue) quarterly', () => {
  it('is due three months on, moved past 清明, escalated after 5 working days', () => {
    const s = visitSchedule(category('extreme_poverty'), person('blue'), local('2026-01-05T09:00:00'), local('2026-01-05T10:00:00'), cal);
    expect(iso(s.dueAt)).toBe('2026-04-07T16:00:00.000Z'); // 5 April (Sunday, holiday) and 6 April (holiday) skipped
    expect(iso(s.escalations[0].at)).toBe('2026-04-14T16:00:00.000Z'); // 8, 9, 10, 13, 14 April
    expect(iso(s.escalations[1].at)).toBe('2026-04-21T16:00:00.000Z');
  });

  it('counts from the registration before the first visit', () => {
    const s = visitSchedule(category('severe_disability'), person('blue', { registeredAt: local('2026-03-10T11:00:00') }), undefined, local('2026-03-10T12:00:00'), cal);
    expect(iso(s.dueAt)).toBe('2026-06-10T16:00:00.000Z');
  });
});

describe('visitSchedule: high risk (red) weekly around the clock', () => {
  it('holds a due date on a holiday, warns 24 hours before and escalates after 24 and 48 hours', () => {
    const s = visitSchedule(category('elderly_alone'), person('red'), local('2026-09-28T09:00:00'), local('2026-10-05T12:00:00'), cal);
    expect(iso(s.dueAt)).toBe('2026-10-05T16:00:00.000Z');
    expect(iso(s.warnAt)).toBe('2026-10-04T16:00:00.000Z');
    expect(s.escalations.map((e) => iso(e.at))).toEqual(['2026-10-06T16:00:00.000Z', '2026-10-07T16:00:00.000Z']);
    expect(s.state).toBe('due_soon');
  });

  it('is due within 24 hours of a major change after the last visit, even on a holiday', () => {
    const change = local('2026-09-30T10:00:00');
    const s = visitSchedule(category('elderly_alone'), person('yellow', { majorChangeAt: change }), local('2026-09-20T09:00:00'), local('2026-10-01T11:00:00'), cal);
    expect(s.reason).toBe('major_change');
    expect(iso(s.dueAt)).toBe('2026-10-01T02:00:00.000Z');
    expect(s.warnAt).toEqual(change);
    expect(s.state).toBe('overdue');
    expect(s.latenessMs).toBe(60 * 60_000);
  });

  it('ignores a major change the last visit already saw, and one in a category without the rule', () => {
    const change = local('2026-09-10T10:00:00');
    const seen = visitSchedule(category('elderly_alone'), person('yellow', { majorChangeAt: change }), local('2026-09-11T09:00:00'), local('2026-09-12T09:00:00'), cal);
    expect(seen.reason).toBe('routine');
    const noRule = visitSchedule(category('low_income'), person('yellow', { majorChangeAt: local('2026-09-12T10:00:00') }), local('2026-09-11T09:00:00'), local('2026-09-12T11:00:00'), cal);
    expect(noRule.reason).toBe('routine');
  });
});

describe('visitSchedule: severe mental disorders at least four times a year, sooner when unstable', () => {
  const mental = category('severe_mental_disorder');
  it('caps a longer frequency a district sets at three months', () => {
    const halfYearly: VisitCategory = { ...mental, rules: { ...mental.rules, blue: { ...mental.rules.blue, frequency: { every: { months: 6 }, onDayOff: 'next_working_day' } } } };
    const s = visitSchedule(halfYearly, person('blue'), local('2026-01-10T09:00:00'), local('2026-01-10T10:00:00'), cal);
    expect(s.reason).toBe('yearly_minimum');
    expect(iso(s.dueAt)).toBe('2026-04-10T16:00:00.000Z');
  });

  it('is weekly when unstable (red) and within 24 hours of a discharge', () => {
    expect(iso(visitSchedule(mental, person('red'), local('2026-06-15T09:00:00'), local('2026-06-15T10:00:00'), cal).dueAt)).toBe('2026-06-22T16:00:00.000Z');
    const discharged = visitSchedule(mental, person('blue', { majorChangeAt: local('2026-06-19T08:00:00') }), local('2026-06-15T09:00:00'), local('2026-06-19T09:00:00'), cal);
    expect(iso(discharged.dueAt)).toBe('2026-06-20T00:00:00.000Z');
  });
});

describe('visitSchedule: state at now', () => {
  const last = local('2026-08-30T10:00:00');
  const at = (now: string) => visitSchedule(category('elderly'), person('yellow'), last, local(now), cal);
  it('is scheduled before the reminder, due soon after it, overdue after the due time, escalated in order', () => {
    expect(at('2026-09-27T23:59:59').state).toBe('scheduled');
    expect(at('2026-09-28T00:00:00').state).toBe('due_soon');
    expect(at('2026-10-01T00:00:00')).toMatchObject({ state: 'overdue', latenessMs: 0, escalatedTo: [] });
    expect(at('2026-10-10T00:00:00').escalatedTo).toEqual(['grid_leader']);
    expect(at('2026-10-14T00:00:00').escalatedTo).toEqual(['grid_leader', 'community']);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 3, '2026-06-30'],
    ['2026-11-15', 3, '2027-02-15'],
  ])('%s + %i months is %s', (date, months, expected) => expect(addMonths(date, months)).toBe(expected));
});

describe('compareWorklist', () => {
  it('orders by risk, then the latest first, then the soonest due', () => {
    const now = local('2026-10-20T10:00:00');
    const entry = (name: string, risk: RiskLevel, lastVisit: string) => ({ name, risk, schedule: visitSchedule(category('elderly'), person(risk), local(lastVisit), now, cal) });
    const list = [entry('blue-late', 'blue', '2026-05-01T09:00:00'), entry('yellow-soon', 'yellow', '2026-09-25T09:00:00'), entry('yellow-late', 'yellow', '2026-08-01T09:00:00'), entry('red', 'red', '2026-10-15T09:00:00')];
    expect(list.sort(compareWorklist).map((e) => e.name)).toEqual(['red', 'yellow-late', 'yellow-soon', 'blue-late']);
  });
});
