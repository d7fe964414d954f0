import { scopeKeyOf, scopesOf, type CountedEvent, type DayRange, type StatsScope } from './types';

/**
 * Where counters are kept: one document per scope per day (`<scopeKey>@d:2026-11-28`) and per
 * month (`<scopeKey>@m:2026-11`), each read by its exact id. A period is read as its whole months
 * plus its remaining days, so a year costs about 12 + 60 reads whatever the year's volume.
 */
export const dayDocumentId = (scope: StatsScope, day: string) => `${scopeKeyOf(scope)}@d:${day}`;
export const monthDocumentId = (scope: StatsScope, month: string) => `${scopeKeyOf(scope)}@m:${month}`;

/** The counter documents an event is added to: its day's and its month's, in every scope it counts in. */
export function counterDocumentIdsOf(event: CountedEvent): string[] {
  const month = event.day.slice(0, 7);
  return scopesOf(event.dims).flatMap((scope) => [dayDocumentId(scope, event.day), monthDocumentId(scope, month)]);
}

const DAY_MS = 86_400_000;
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** The months wholly inside `range` and the days of `range` outside them, in order. */
export function periodsOf(range: DayRange): { months: string[]; days: string[] } {
  const months: string[] = [];
  const days: string[] = [];
  let pending: string[] = [];
  for (let day = range.from; day <= range.to; day = dayAfter(day)) {
    const startsMonth = day.endsWith('-01');
    if (startsMonth) {
      days.push(...pending);
      pending = [];
    }
    pending.push(day);
    const endsMonth = dayAfter(day).endsWith('-01');
    if (endsMonth) {
      if (pending[0]!.endsWith('-01')) months.push(day.slice(0, 7));
      else days.push(...pending);
      pending = [];
    }
  }
  days.push(...pending);
  return { months, days };
}

/** The ids of the documents whose tallies add up to `scope` over `range`. */
export function counterDocumentIdsFor(scope: StatsScope, range: DayRange): string[] {
  const { months, days } = periodsOf(range);
  return [...months.map((month) => monthDocumentId(scope, month)), ...days.map((day) => dayDocumentId(scope, day))];
}

/** The month (`YYYY-MM`) of a counter document's period, read from its id: where its storage is kept. */
export function monthOfCounterDocument(id: string): string {
  const period = /@(?:d:(\d{4}-\d{2})-\d{2}|m:(\d{4}-\d{2}))$/.exec(id);
  if (!period) throw new Error(`不是统计计数文档的编号：${id}`);
  return (period[1] ?? period[2])!;
}
