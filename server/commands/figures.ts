import { addCounts, noFigures, type FigureCounts } from '../../shared/cases/figures';
import { districtPeriodStarts } from '../../shared/time/periods';
import type { FigureSource, FigureTally, ReferencePort } from './ports';

export interface FigureDeps {
  source: FigureSource;
  reference: ReferencePort;
  now: () => Date;
}

/** Reported and closed cases of one top category or one street, named. */
export interface FigureShare {
  code: string;
  name: string;
  reported: number;
  closed: number;
}

/** One period's figures: totals, and shares by category and by street. */
export interface PeriodTotals {
  from: Date | null;
  totals: FigureCounts;
  byCategory: FigureShare[];
  byStreet: FigureShare[];
}

export interface Figures {
  /** When they were counted. */
  at: Date;
  week: PeriodTotals;
  month: PeriodTotals;
  sinceLaunch: PeriodTotals;
}

type Named = { code: string; name: string };

/**
 * One period's tallies summed: totals, and one share per named category and street (zeros kept, so
 * the portal lists all of them), then any code no longer named (a category dropped from the
 * current catalog), which still counts in the totals.
 */
export function summarise(tallies: readonly FigureTally[], from: Date | null, categories: readonly Named[], streets: readonly Named[]): PeriodTotals {
  const shares = (named: readonly Named[], codeOf: (tally: FigureTally) => string, unnamed: (code: string) => string) => {
    const byCode = new Map<string, FigureShare>(named.map(({ code, name }) => [code, { code, name, reported: 0, closed: 0 }]));
    for (const tally of tallies) {
      const code = codeOf(tally);
      const share = byCode.get(code) ?? { code, name: unnamed(code), reported: 0, closed: 0 };
      byCode.set(code, { ...share, reported: share.reported + tally.reported, closed: share.closed + tally.closed });
    }
    const known = new Set(named.map(({ code }) => code));
    const extra = [...byCode.values()].filter((share) => !known.has(share.code)).sort((a, b) => (a.code < b.code ? -1 : 1));
    return [...named.map(({ code }) => byCode.get(code)!), ...extra];
  };
  return {
    from,
    totals: tallies.reduce<FigureCounts>((sum, tally) => addCounts(sum, tally), noFigures()),
    byCategory: shares(categories, (tally) => tally.categoryCode, (code) => `其他大类（${code}）`),
    byStreet: shares(streets, (tally) => tally.streetCode, (code) => code),
  };
}

/**
 * The district's public figures, counted through the figure source at most once per `ttlMs`: the
 * portal is public and unauthenticated, and on the embedded engine every count reads every case
 * on the one connection all requests share. Requests arriving while a count runs share it. `now`
 * comes from the deps, so the cache and the periods follow the clock the rest of the server uses.
 */
export function districtFigures(deps: FigureDeps, ttlMs = 60_000): () => Promise<Figures> {
  let cached: { at: number; figures: Promise<Figures> } | undefined;

  const count = async (at: Date): Promise<Figures> => {
    const starts = districtPeriodStarts(at);
    const catalog = await deps.reference.latestCatalog(at.getTime());
    const categories = catalog.categories.map(({ code, name }) => ({ code, name }));
    const streets = [...deps.reference.streets.values()].map(({ code, name }) => ({ code, name })).sort((a, b) => (a.code < b.code ? -1 : 1));
    // One after another: on the embedded engine they queue on one connection anyway, and on
    // MongoDB three concurrent passes would only compete with the requests being served.
    const week = await deps.source.tally(starts.week);
    const month = await deps.source.tally(starts.month);
    const sinceLaunch = await deps.source.tally(null);
    return {
      at,
      week: summarise(week, starts.week, categories, streets),
      month: summarise(month, starts.month, categories, streets),
      sinceLaunch: summarise(sinceLaunch, null, categories, streets),
    };
  };

  return () => {
    const now = deps.now();
    const age = cached ? now.getTime() - cached.at : Infinity;
    // A clock set back (tests, a corrected host clock) counts again rather than serving the future.
    if (cached && age >= 0 && age < ttlMs) return cached.figures;
    const figures = count(now);
    const entry = { at: now.getTime(), figures };
    cached = entry;
    // A failed count is not kept: the next request tries again instead of failing for a minute.
    figures.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return figures;
  };
}
