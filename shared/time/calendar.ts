import { z } from 'zod';
import type { TimeLimit } from '../catalog/types';

export { chinaCalendar2026 } from './china-2026';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** An office period of a working day, in local wall-clock time `HH:MM` (end exclusive). */
export interface OfficePeriod {
  start: string;
  end: string;
}

/**
 * When the platform's people are at work, as data. Never read from the system clock or the host's
 * time zone, so that every deadline is reproducible from the record and the calendar alone.
 */
export interface WorkingCalendar {
  /** Offset of local time from UTC; China keeps +08:00 all year (no daylight saving). */
  utcOffsetMinutes: number;
  /** Office periods of a working day, in order, not overlapping (lunch break between them). */
  periods: OfficePeriod[];
  /** Local dates `YYYY-MM-DD` that are days off even if they fall on a weekday (法定节假日). */
  holidays: string[];
  /** Weekend dates `YYYY-MM-DD` that are working days (调休上班). */
  makeupWorkdays: string[];
}

/** How a time limit is counted: inside office hours only, or around the clock. */
export type TimeBasis = TimeLimit['basis'];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:MM');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, '不是有效日期');

function isRealDate(date: string): boolean {
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(date);
}

/**
 * Schema of a calendar as administrators upload it each year (the State Council publishes the
 * next year's holidays every autumn). Rejects periods that are empty, unordered or overlapping,
 * because the arithmetic below relies on sorted, disjoint periods.
 */
export const workingCalendarSchema = z
  .object({
    utcOffsetMinutes: z.number().int().min(-12 * 60).max(14 * 60),
    periods: z.array(z.object({ start: hhmm, end: hhmm })).min(1, '至少需要一个办公时段'),
    holidays: z.array(isoDate),
    makeupWorkdays: z.array(isoDate),
  })
  .superRefine((cal, ctx) => {
    let previousEnd = -1;
    cal.periods.forEach((p, i) => {
      const start = minutesOf(p.start);
      const end = minutesOf(p.end);
      if (end <= start || start < previousEnd) {
        ctx.addIssue({ code: 'custom', path: ['periods', i], message: '办公时段须按时间先后排列且互不重叠' });
      }
      previousEnd = end;
    });
    cal.makeupWorkdays.forEach((d, i) => {
      if (cal.holidays.includes(d)) {
        ctx.addIssue({ code: 'custom', path: ['makeupWorkdays', i], message: '调休上班日不能同时是节假日' });
      }
    });
  });

/**
 * Validates a calendar uploaded by an administrator.
 * @returns the calendar, or throws the zod error listing every problem.
 */
export function parseWorkingCalendar(input: unknown): WorkingCalendar {
  return workingCalendarSchema.parse(input);
}

interface CompiledCalendar {
  offsetMs: number;
  /** Office periods as [start, end) offsets from local midnight. */
  periods: [number, number][];
  holidays: Set<string>;
  makeupWorkdays: Set<string>;
}

// Calendars are immutable data reused across thousands of cases: compile each once.
const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

function compile(cal: WorkingCalendar): CompiledCalendar {
  let c = compiled.get(cal);
  if (!c) {
    c = {
      offsetMs: cal.utcOffsetMinutes * MINUTE_MS,
      periods: cal.periods.map((p) => [minutesOf(p.start) * MINUTE_MS, minutesOf(p.end) * MINUTE_MS]),
      holidays: new Set(cal.holidays),
      makeupWorkdays: new Set(cal.makeupWorkdays),
    };
    compiled.set(cal, c);
  }
  return c;
}

function minutesOf(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return h * 60 + m;
}

/** UTC instant (ms) of local midnight of the local day holding `t`. */
function localDayStart(t: number, c: CompiledCalendar): number {
  return Math.floor((t + c.offsetMs) / DAY_MS) * DAY_MS - c.offsetMs;
}

function localDateOfDayStart(dayStart: number, c: CompiledCalendar): string {
  return new Date(dayStart + c.offsetMs).toISOString().slice(0, 10);
}

function isWorkingDayStart(dayStart: number, c: CompiledCalendar): boolean {
  const date = localDateOfDayStart(dayStart, c);
  if (c.holidays.has(date)) return false;
  if (c.makeupWorkdays.has(date)) return true;
  const weekday = new Date(dayStart + c.offsetMs).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** Working segments [start, end) of one local day as UTC instants; none on a day off. */
function segmentsOf(dayStart: number, c: CompiledCalendar): [number, number][] {
  return isWorkingDayStart(dayStart, c) ? c.periods.map(([s, e]) => [dayStart + s, dayStart + e]) : [];
}

// Longer than any case limit; stops the search if a calendar has no working time at all.
const MAX_SEARCH_DAYS = 3 * 366;

/** The local date `YYYY-MM-DD` of an instant in the calendar's time zone. */
export function localDate(instant: Date, cal: WorkingCalendar): string {
  const c = compile(cal);
  return localDateOfDayStart(localDayStart(instant.getTime(), c), c);
}

/** Whether a local date `YYYY-MM-DD` is a working day (weekday or make-up day, and no holiday). */
export function isWorkingDay(date: string, cal: WorkingCalendar): boolean {
  const c = compile(cal);
  return isWorkingDayStart(Date.parse(`${date}T00:00:00Z`) - c.offsetMs, c);
}

/** Whether the instant falls inside an office period of a working day (period ends excluded). */
export function isWorkingInstant(instant: Date, cal: WorkingCalendar): boolean {
  const c = compile(cal);
  const t = instant.getTime();
  return segmentsOf(localDayStart(t, c), c).some(([s, e]) => t >= s && t < e);
}

/**
 * The instant at which `ms` of working time have passed since `start`. A start outside office
 * hours counts from the next opening; a budget that runs out exactly at a period's end returns
 * that end (17:30), not the next opening, so a deadline reads as the last moment of the day.
 * @throws RangeError for a negative amount or a calendar with no working time within three years.
 */
export function addWorkingMs(start: Date, ms: number, cal: WorkingCalendar): Date {
  if (ms < 0 || !Number.isFinite(ms)) throw new RangeError(`working time must be a finite non-negative amount: ${ms}`);
  if (ms === 0) return new Date(start.getTime());
  const c = compile(cal);
  let cursor = start.getTime();
  let remaining = ms;
  let day = localDayStart(cursor, c);
  for (let i = 0; i < MAX_SEARCH_DAYS; i += 1, day += DAY_MS) {
    for (const [s, e] of segmentsOf(day, c)) {
      if (e <= cursor) continue;
      const from = Math.max(s, cursor);
      const available = e - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
      cursor = e;
    }
  }
  throw new RangeError('the calendar has no working time left to count');
}

/**
 * Working time between two instants, in ms. Antisymmetric: `b` before `a` gives a negative amount,
 * so that `workingMsBetween(a, addWorkingMs(a, x)) === x` and sums over consecutive spans add up.
 */
export function workingMsBetween(a: Date, b: Date, cal: WorkingCalendar): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -workingMsBetween(b, a, cal);
  const c = compile(cal);
  let total = 0;
  for (let day = localDayStart(from, c); day < to; day += DAY_MS) {
    for (const [s, e] of segmentsOf(day, c)) {
      const overlap = Math.min(e, to) - Math.max(s, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/** `start` plus `ms` of natural (around-the-clock) time. */
export function addNaturalMs(start: Date, ms: number): Date {
  if (ms < 0 || !Number.isFinite(ms)) throw new RangeError(`natural time must be a finite non-negative amount: ${ms}`);
  return new Date(start.getTime() + ms);
}

/** Natural time between two instants, in ms (negative when `b` is before `a`). */
export function naturalMsBetween(a: Date, b: Date): number {
  return b.getTime() - a.getTime();
}

/** `start` plus `ms` counted on the given basis. */
export function addMs(start: Date, ms: number, basis: TimeBasis, cal: WorkingCalendar): Date {
  return basis === 'working' ? addWorkingMs(start, ms, cal) : addNaturalMs(start, ms);
}

/** The length of a time limit in ms of its own basis. */
export function limitToMs(limit: TimeLimit): number {
  return Math.round(limit.hours * HOUR_MS);
}

/** The instant a time limit started at `start` runs out (the catalog's 时限 applied to a start). */
export function addDuration(start: Date, limit: TimeLimit, cal: WorkingCalendar): Date {
  return addMs(start, limitToMs(limit), limit.basis, cal);
}

/** Time elapsed from `a` to `b` in ms, counted on the given basis. */
export function elapsed(a: Date, b: Date, basis: TimeBasis, cal: WorkingCalendar): number {
  return basis === 'working' ? workingMsBetween(a, b, cal) : naturalMsBetween(a, b);
}
