import { describe, expect, it } from 'vitest';
import {
  addDuration,
  addNaturalMs,
  addWorkingMs,
  chinaCalendar2026 as cal,
  elapsed,
  HOUR_MS,
  isWorkingDay,
  isWorkingInstant,
  localDate,
  MINUTE_MS,
  naturalMsBetween,
  parseWorkingCalendar,
  workingMsBetween,
} from './calendar';

/** Beijing wall-clock time, so that every row of the tables reads like the office clock. */
const bj = (local: string): Date => new Date(`${local}:00+08:00`);
const h = (hours: number) => hours * HOUR_MS;

describe('isWorkingDay', () => {
  it.each([
    ['2026-03-09', true, 'an ordinary Monday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-03-08', false, 'an ordinary Sunday'],
    ['2026-01-01', false, '元旦 on a Thursday'],
    ['2026-01-04', true, 'the 元旦 make-up Sunday'],
    ['2026-02-14', true, 'the 春节 make-up Saturday before the break'],
    ['2026-02-16', false, '除夕, a Monday'],
    ['2026-02-23', false, 'the last day of 春节, a Monday'],
    ['2026-02-24', true, 'the first day back after 春节'],
    ['2026-02-28', true, 'the 春节 make-up Saturday after the break'],
    ['2026-04-06', false, '清明 Monday'],
    ['2026-05-05', false, 'the last day of 劳动节, a Tuesday'],
    ['2026-05-09', true, 'the 劳动节 make-up Saturday'],
    ['2026-06-19', false, '端午 Friday'],
    ['2026-09-20', true, 'the 国庆 make-up Sunday'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-07', false, 'the last day of 国庆, a Wednesday'],
    ['2026-10-10', true, 'the 国庆 make-up Saturday'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, cal)).toBe(expected);
  });
});

describe('isWorkingInstant', () => {
  it.each([
    ['2026-03-10T08:29', false, 'before opening'],
    ['2026-03-10T08:30', true, 'at opening'],
    ['2026-03-10T11:59', true, 'just before lunch'],
    ['2026-03-10T12:00', false, 'at the start of lunch'],
    ['2026-03-10T13:00', false, 'during lunch'],
    ['2026-03-10T13:30', true, 'after lunch'],
    ['2026-03-10T17:30', false, 'at closing'],
    ['2026-03-07T10:00', false, 'on a Saturday'],
    ['2026-05-09T10:00', true, 'on a make-up Saturday'],
    ['2026-10-02T10:00', false, 'on a holiday'],
  ])('%s is working time: %s (%s)', (local, expected) => {
    expect(isWorkingInstant(bj(local), cal)).toBe(expected);
  });

  it('uses the calendar’s offset, not the host’s time zone', () => {
    // 00:45 UTC is 08:45 in Hefei.
    expect(isWorkingInstant(new Date('2026-03-10T00:45:00Z'), cal)).toBe(true);
    expect(localDate(new Date('2026-03-09T16:30:00Z'), cal)).toBe('2026-03-10');
  });
});

describe('addWorkingMs', () => {
  it.each([
    ['2026-03-10T09:00', h(1), '2026-03-10T10:00', 'inside a morning period'],
    ['2026-03-10T11:00', h(2), '2026-03-10T14:30', 'across the lunch break'],
    ['2026-03-10T07:00', h(1), '2026-03-10T09:30', 'from before opening'],
    ['2026-03-10T12:30', 30 * MINUTE_MS, '2026-03-10T14:00', 'from inside the lunch break'],
    ['2026-03-10T20:00', h(1), '2026-03-11T09:30', 'from after closing'],
    ['2026-03-10T16:30', h(1), '2026-03-10T17:30', 'ending exactly at closing, not next morning'],
    ['2026-03-10T08:30', h(7.5), '2026-03-10T17:30', 'one full working day'],
    ['2026-03-10T08:30', h(24), '2026-03-13T10:00', 'three working days and a bit'],
    ['2026-03-06T16:30', h(2), '2026-03-09T09:30', 'across a weekend'],
    ['2026-03-07T10:00', h(1), '2026-03-09T09:30', 'from a Saturday'],
    ['2026-04-30T17:00', h(1), '2026-05-06T09:00', 'across 劳动节'],
    ['2026-05-08T17:00', h(1), '2026-05-09T09:00', 'into the make-up Saturday'],
    ['2026-02-13T17:00', h(1), '2026-02-14T09:00', 'into the make-up Saturday before 春节'],
    ['2026-02-14T17:00', h(1), '2026-02-24T09:00', 'across the nine days of 春节'],
    ['2025-12-31T17:00', h(1), '2026-01-04T09:00', 'across 元旦 into the make-up Sunday'],
    ['2026-09-24T17:00', h(1), '2026-09-28T09:00', 'across 中秋'],
    ['2026-09-30T17:00', h(1), '2026-10-08T09:00', 'across 国庆'],
    ['2026-10-09T17:00', h(1), '2026-10-10T09:00', 'into the 国庆 make-up Saturday'],
    ['2026-03-07T10:00', 0, '2026-03-07T10:00', 'zero time from outside office hours'],
  ])('%s + %d ms → %s (%s)', (start, ms, expected) => {
    expect(addWorkingMs(bj(start), ms, cal)).toEqual(bj(expected));
  });

  it('rejects a negative amount', () => {
    expect(() => addWorkingMs(bj('2026-03-10T09:00'), -1, cal)).toThrow(RangeError);
  });

  it('gives up on a calendar without any working day instead of looping for ever', () => {
    const everyDayOff = { ...cal, holidays: [], makeupWorkdays: [], periods: [] };
    expect(() => addWorkingMs(bj('2026-03-10T09:00'), h(1), everyDayOff)).toThrow(RangeError);
  });
});

describe('workingMsBetween', () => {
  it.each([
    ['2026-03-10T09:00', '2026-03-10T10:00', h(1), 'inside a period'],
    ['2026-03-10T11:00', '2026-03-10T14:30', h(2), 'across lunch'],
    ['2026-03-06T16:30', '2026-03-09T09:30', h(2), 'across a weekend'],
    ['2026-03-07T00:00', '2026-03-09T00:00', 0, 'a whole weekend'],
    ['2026-02-14T17:00', '2026-02-24T09:00', h(1), 'across 春节'],
    ['2026-03-09T00:00', '2026-03-16T00:00', h(37.5), 'an ordinary week'],
    ['2026-09-28T00:00', '2026-10-12T00:00', h(7.5 * 6), 'the 国庆 fortnight: Mon–Wed, then Thu 10/8 to the make-up Sat 10/10'],
  ])('%s → %s = %d ms (%s)', (a, b, expected) => {
    expect(workingMsBetween(bj(a), bj(b), cal)).toBe(expected);
  });

  it('is antisymmetric', () => {
    expect(workingMsBetween(bj('2026-03-10T14:30'), bj('2026-03-10T11:00'), cal)).toBe(-h(2));
  });

  it('inverts addWorkingMs for any start and amount', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const yearStart = bj('2026-01-01T00:00').getTime();
    for (let i = 0; i < 300; i += 1) {
      const start = new Date(yearStart + Math.floor(random() * 330 * 24 * 60) * MINUTE_MS);
      const ms = Math.floor(random() * 80 * 60) * MINUTE_MS;
      expect(workingMsBetween(start, addWorkingMs(start, ms, cal), cal)).toBe(ms);
    }
  });
});

describe('durations and natural time', () => {
  it('counts a natural limit around the clock, weekends and holidays included', () => {
    expect(addDuration(bj('2026-10-01T10:00'), { hours: 48, basis: 'natural' }, cal)).toEqual(bj('2026-10-03T10:00'));
    expect(addNaturalMs(bj('2026-03-10T23:00'), h(2))).toEqual(bj('2026-03-11T01:00'));
    expect(naturalMsBetween(bj('2026-03-07T10:00'), bj('2026-03-08T10:00'))).toBe(h(24));
  });

  it('counts a working limit inside office hours only', () => {
    expect(addDuration(bj('2026-03-06T16:30'), { hours: 2, basis: 'working' }, cal)).toEqual(bj('2026-03-09T09:30'));
    expect(elapsed(bj('2026-03-06T16:30'), bj('2026-03-09T09:30'), 'working', cal)).toBe(h(2));
    expect(elapsed(bj('2026-03-06T16:30'), bj('2026-03-09T09:30'), 'natural', cal)).toBe(h(65));
  });
});

describe('parseWorkingCalendar', () => {
  it('accepts the shipped 2026 calendar', () => {
    expect(parseWorkingCalendar(cal)).toEqual(cal);
  });

  it('rejects overlapping periods, malformed dates and a make-up day that is also a holiday', () => {
    const bad = {
      ...cal,
      periods: [
        { start: '08:30', end: '12:00' },
        { start: '11:30', end: '17:30' },
      ],
      holidays: ['2026-02-30'],
      makeupWorkdays: ['2026-02-30'],
    };
    expect(() => parseWorkingCalendar(bad)).toThrow(/办公时段须按时间先后排列且互不重叠/);
    expect(() => parseWorkingCalendar(bad)).toThrow(/不是有效日期/);
    expect(() => parseWorkingCalendar(bad)).toThrow(/调休上班日不能同时是节假日/);
  });
});
