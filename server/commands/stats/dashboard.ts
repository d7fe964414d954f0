import type { Dashboard, DashboardQuery, FigureRow } from '../../../shared/api/stats';
import type { Catalog } from '../../../shared/catalog/types';
import type { Actor } from '../../../shared/domain/roles';
import { statsFiltersFor, statsScopeFor } from '../../../shared/policies/stats';
import type { Counters } from '../../../shared/stats/counters';
import { byFiled, byLeague, daysIn, districtDayOf, figureRowOf, previousRangeOf, rangeProblems, tablesOf, trendOf } from '../../../shared/stats/rows';
import { scopeKeyOf, type DayRange, type StatsScope, type Tally } from '../../../shared/stats/types';
import { errors } from '../../errors';
import type { ReferencePort, StatsStore } from '../ports';
import { deepFreeze } from './projection';

export interface StatsDeps {
  stats: StatsStore;
  reference: ReferencePort;
  now: () => Date;
}

/** The district's own name: the reference data names its streets, not itself. */
export const districtName = '包河区';

/** Hot spots and top subcategories: the first 20 by cases filed. */
const topCount = 20;

type Named = { code: string; name: string };

/** Names of every code a dashboard shows, from the reference data and the latest catalog. */
export interface StatsNames {
  street(code: string): string;
  grid(code: string): string;
  unit(code: string): string;
  category(code: string): string;
  subcategory(code: string): string;
  streets: Named[];
  categories: Named[];
}

/** The names of streets, grids and units, and of the latest catalog's categories; an unknown code shows as itself. */
export function statsNames(reference: ReferencePort, catalog: Catalog): StatsNames {
  const categories = new Map(catalog.categories.map(({ code, name }) => [code, name]));
  const subcategories = new Map(catalog.categories.flatMap((category) => category.subcategories.map(({ code, name }) => [code, name] as const)));
  return {
    street: (code) => reference.streets.get(code)?.name ?? code,
    grid: (code) => reference.grids.get(code)?.name ?? code,
    unit: (code) => reference.unitsByCode.get(code)?.name ?? code,
    // A code dropped from the current catalog still counts: it is shown, marked, rather than hidden.
    category: (code) => categories.get(code) ?? `其他大类（${code}）`,
    subcategory: (code) => subcategories.get(code) ?? `其他小类（${code}）`,
    streets: [...reference.streets.values()].map(({ code, name }) => ({ code, name })).sort((a, b) => (a.code < b.code ? -1 : 1)),
    categories: catalog.categories.map(({ code, name }) => ({ code, name })),
  };
}

/** The scope's display name: 包河区, a street, a category, a street's category, a grid or a unit. */
export function scopeNameOf(scope: StatsScope, names: StatsNames): string {
  switch (scope.kind) {
    case 'district':
      return districtName;
    case 'street':
      return names.street(scope.streetCode);
    case 'category':
      return names.category(scope.categoryCode);
    case 'street_category':
      return `${names.street(scope.streetCode)} · ${names.category(scope.categoryCode)}`;
    case 'grid':
      return names.grid(scope.gridCode);
    case 'unit':
      return names.unit(scope.unitCode);
  }
}

/** Every named code in its order with zeros kept (a chart's axis stays the same), then codes counted but no longer named. */
function allNamed(named: readonly Named[], counted: Record<string, Counters>, nameOf: (code: string) => string): FigureRow[] {
  const known = new Set(named.map(({ code }) => code));
  const extra = Object.keys(counted)
    .filter((code) => !known.has(code))
    .sort();
  return [...named.map(({ code, name }) => figureRowOf(code, name, counted[code] ?? {})), ...extra.map((code) => figureRowOf(code, nameOf(code), counted[code]!))];
}

const rowsOf = (counted: Record<string, Counters>, nameOf: (code: string) => string) => Object.entries(counted).map(([code, counters]) => figureRowOf(code, nameOf(code), counters));

/** The scope and period a query asks for, or the refusal: 403 beyond the account's place, 422 for a bad period. */
export function resolveStatsQuery(actor: Actor, query: DashboardQuery, now: Date): { scope: StatsScope; range: DayRange } {
  const decision = statsScopeFor(actor, query);
  if (!decision.ok) throw errors.forbidden(decision.code, decision.message);
  const range = { from: query.from, to: query.to };
  const problems = rangeProblems(range, districtDayOf(now));
  if (problems) throw errors.unprocessable('stats.invalid_range', '统计区间有误', { fields: problems });
  return { scope: decision.scope, range };
}

/** Field errors for a street or category filter naming no street of the district or no category of the current catalog. */
function unknownFilterCodes(query: DashboardQuery, names: StatsNames): Record<string, string[]> | undefined {
  const fields: Record<string, string[]> = {};
  if (query.streetCode !== undefined && !names.streets.some((street) => street.code === query.streetCode)) fields.streetCode = ['没有这个街镇'];
  if (query.categoryCode !== undefined && !names.categories.some((category) => category.code === query.categoryCode)) fields.categoryCode = ['当前分类目录中没有这个问题大类'];
  return Object.keys(fields).length ? fields : undefined;
}

/** The dashboard's tables of one tally, as the scope has them. */
function tablesFrom(scope: StatsScope, tally: Tally, names: StatsNames): Pick<Dashboard, 'streets' | 'categories' | 'subcategories' | 'units' | 'grids'> {
  const tables = new Set(tablesOf(scope.kind));
  return {
    ...(tables.has('streets') ? { streets: allNamed(names.streets, tally.by.street, names.street) } : {}),
    ...(tables.has('categories') ? { categories: allNamed(names.categories, tally.by.category, names.category) } : {}),
    ...(tables.has('subcategories') ? { subcategories: rowsOf(tally.by.subcategory, names.subcategory).sort(byFiled).slice(0, topCount) } : {}),
    ...(tables.has('units') ? { units: rowsOf(tally.by.unit, names.unit).sort(byLeague) } : {}),
    ...(tables.has('grids') ? { grids: rowsOf(tally.by.grid, names.grid).sort(byFiled).slice(0, topCount) } : {}),
  };
}

type Presented = Pick<Dashboard, 'trend' | 'streets' | 'categories' | 'subcategories' | 'units' | 'grids'> & { totals: Counters };

/**
 * What a tally kept by the store (frozen, answered again while its months are unchanged) was
 * presented as, per catalog and scope: a year's tables are some 600 rows to rate and sort, and the
 * same tally object comes back on every read until a fold changes it.
 */
const presentedTallies = new WeakMap<Tally, WeakMap<Catalog, Map<string, Presented>>>();

function presentedOf(scope: StatsScope, range: DayRange, tally: Tally, catalog: Catalog, names: StatsNames): Presented {
  const make = (): Presented => ({ totals: tally.total, trend: trendOf(tally, range), ...tablesFrom(scope, tally, names) });
  if (!Object.isFrozen(tally)) return make();
  const byCatalog = presentedTallies.get(tally) ?? new WeakMap<Catalog, Map<string, Presented>>();
  presentedTallies.set(tally, byCatalog);
  const byQuery = byCatalog.get(catalog) ?? new Map<string, Presented>();
  byCatalog.set(catalog, byQuery);
  const key = `${scopeKeyOf(scope)}|${range.from}|${range.to}`;
  const known = byQuery.get(key);
  if (known) return known;
  const fresh = deepFreeze(make());
  byQuery.set(key, fresh);
  return fresh;
}

/**
 * The dashboard `actor` may read for a query (统计分析): the scope's tally over the period and the
 * one before (two reads of a few counter documents each, whatever the volume), its trend and tables,
 * with names from the reference data and the latest catalog.
 */
export async function statsDashboard(deps: StatsDeps, actor: Actor, query: DashboardQuery): Promise<Dashboard> {
  const now = deps.now();
  const { scope, range } = resolveStatsQuery(actor, query, now);
  const previous = previousRangeOf(range);
  const catalog = await deps.reference.latestCatalog(now.getTime());
  const names = statsNames(deps.reference, catalog);
  const unknown = unknownFilterCodes(query, names);
  if (unknown) throw errors.unprocessable('stats.unknown_filter', '筛选条件有误', { fields: unknown });
  // One after another: on the embedded engine every read queues on the one connection anyway.
  const tally = await deps.stats.tally(scope, range);
  const before = await deps.stats.totals(scope, previous);
  const countedUntil = await deps.stats.countedUntil();
  const scopeName = scopeNameOf(scope, names);
  const { totals, ...presented } = presentedOf(scope, range, tally, catalog, names);
  const filters = statsFiltersFor(actor);
  const ownStreet = actor.role === 'street_dispatcher' ? actor.scope.streetCode : undefined;
  return {
    scope: { kind: scope.kind, name: scopeName },
    period: { ...range, days: daysIn(range) },
    previous,
    countedUntil,
    generatedAt: now,
    totals: figureRowOf(scopeKeyCode(scope), scopeName, totals),
    previousTotals: figureRowOf(scopeKeyCode(scope), scopeName, before),
    ...presented,
    filters: {
      streets: filters.streets === 'all' ? names.streets : filters.streets === 'own' ? names.streets.filter((street) => street.code === ownStreet) : [],
      categories: filters.categories ? names.categories : [],
    },
  };
}

/** The code a scope's totals row carries. */
function scopeKeyCode(scope: StatsScope): string {
  switch (scope.kind) {
    case 'district':
      return 'district';
    case 'street':
      return scope.streetCode;
    case 'category':
      return scope.categoryCode;
    case 'street_category':
      return `${scope.streetCode}|${scope.categoryCode}`;
    case 'grid':
      return scope.gridCode;
    case 'unit':
      return scope.unitCode;
  }
}
