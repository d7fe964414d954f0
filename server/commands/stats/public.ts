import type { PublicStats } from '../../../shared/api/stats';
import { districtDayOf, figureRowOf, stepStartOf } from '../../../shared/stats/rows';
import type { Counters } from '../../../shared/stats/counters';
import type { DayRange, Tally } from '../../../shared/stats/types';
import type { ReferencePort } from '../ports';
import { statsNames, type StatsDeps } from './dashboard';

type Period = PublicStats['periods'][number];

/**
 * The day the platform went live: the first catalog version's, since no case can be filed before
 * the district has a catalog.
 */
export async function launchDayOf(reference: ReferencePort, now: Date): Promise<string> {
  const first = (await reference.catalog(1)) ?? (await reference.latestCatalog(now.getTime()));
  return districtDayOf(new Date(first.publishedAt));
}

const shareOf = (code: string, name: string, counters: Counters = {}) => ({ code, name, filed: counters.filed ?? 0, closed: counters.closed ?? 0 });

/** Every named code with zeros kept, then codes counted but no longer named. */
function shares(named: readonly { code: string; name: string }[], counted: Record<string, Counters>, nameOf: (code: string) => string) {
  const known = new Set(named.map(({ code }) => code));
  const extra = Object.keys(counted)
    .filter((code) => !known.has(code))
    .sort();
  return [...named.map(({ code, name }) => shareOf(code, name, counted[code])), ...extra.map((code) => shareOf(code, nameOf(code), counted[code]))];
}

/**
 * The district's public statistics (`GET /api/v1/stats/public`, no login) read from the projection
 * at most once per `ttlMs`: this week, this month and since launch, by category and by street; no
 * unit, grid or person. Requests arriving while a read runs share it; a failed read is not kept.
 */
export function publicStats(deps: StatsDeps, ttlMs = 60_000): () => Promise<PublicStats> {
  let cached: { at: number; stats: Promise<PublicStats> } | undefined;

  const read = async (now: Date): Promise<PublicStats> => {
    const today = districtDayOf(now);
    const names = statsNames(deps.reference, await deps.reference.latestCatalog(now.getTime()));
    const launch = await launchDayOf(deps.reference, now);
    const ranges: [Period['key'], string, DayRange][] = [
      ['week', '本周', { from: stepStartOf(today, 'week'), to: today }],
      ['month', '本月', { from: stepStartOf(today, 'month'), to: today }],
      ['sinceLaunch', '上线以来', { from: launch < today ? launch : today, to: today }],
    ];
    const periods: Period[] = [];
    for (const [key, label, range] of ranges) {
      const tally: Tally = await deps.stats.tally({ kind: 'district' }, range);
      const row = figureRowOf('district', '包河区', tally.total);
      periods.push({
        key,
        label,
        ...range,
        totals: { filed: row.filed, closed: row.closed, closedOnTime: row.closedOnTime, onTimeRate: row.onTimeRate, satisfactionAverage: row.satisfactionAverage, ratings: row.ratings },
        byCategory: shares(names.categories, tally.by.category, names.category),
        byStreet: shares(names.streets, tally.by.street, names.street),
      });
    }
    return { generatedAt: now, countedUntil: await deps.stats.countedUntil(), periods };
  };

  return () => {
    const now = deps.now();
    const age = cached ? now.getTime() - cached.at : Infinity;
    // A clock set back (tests, a corrected host clock) reads again rather than serving the future.
    if (cached && age >= 0 && age < ttlMs) return cached.stats;
    const stats = read(now);
    const entry = { at: now.getTime(), stats };
    cached = entry;
    stats.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return stats;
  };
}
