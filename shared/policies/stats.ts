import type { Actor, Role } from '../domain/roles';
import type { StatsScope } from '../stats/types';

/** The roles that have a statistics dashboard (each in its own scope, below); the app shows 统计分析 to these. */
export const statsReaderRoles = ['district_dispatcher', 'admin', 'street_dispatcher', 'department', 'property_manager', 'grid_leader', 'grid_member'] as const satisfies readonly Role[];

/** Why a statistics query is refused: the role sees no statistics, or asked beyond its own place. */
export type StatsRefusal = 'stats.forbidden' | 'stats.out_of_scope';

export type StatsScopeDecision = { ok: true; scope: StatsScope } | { ok: false; code: StatsRefusal; message: string };

/** The filters a statistics query may carry. */
export interface StatsFilter {
  streetCode?: string;
  categoryCode?: string;
}

const narrowed = (streetCode: string | undefined, categoryCode: string | undefined): StatsScope =>
  streetCode && categoryCode
    ? { kind: 'street_category', streetCode, categoryCode }
    : streetCode
      ? { kind: 'street', streetCode }
      : categoryCode
        ? { kind: 'category', categoryCode }
        : { kind: 'district' };

const outOfScope = (message: string): StatsScopeDecision => ({ ok: false, code: 'stats.out_of_scope', message });

/**
 * The scope whose figures `actor` reads for a query, or why not. The district centre reads any
 * street and category; a street centre its own street (by category too); a unit (department or
 * property company) only itself and a grid's staff only their grid, with no filter (no document
 * breaks a unit or a grid down by street or category). Committees and residents read none: the
 * public figures are theirs.
 */
export function statsScopeFor(actor: Actor, filter: StatsFilter): StatsScopeDecision {
  switch (actor.role) {
    case 'district_dispatcher':
    case 'admin':
      return { ok: true, scope: narrowed(filter.streetCode, filter.categoryCode) };
    case 'street_dispatcher':
      if (filter.streetCode !== undefined && filter.streetCode !== actor.scope.streetCode) return outOfScope('只能查看本街镇的统计');
      return { ok: true, scope: narrowed(actor.scope.streetCode, filter.categoryCode) };
    case 'department':
    case 'property_manager':
      if (filter.streetCode !== undefined || filter.categoryCode !== undefined) return outOfScope('单位只能查看本单位的统计，不能按街镇或大类筛选');
      return { ok: true, scope: { kind: 'unit', unitCode: actor.scope.unitCode } };
    case 'grid_leader':
    case 'grid_member':
      if (filter.streetCode !== undefined || filter.categoryCode !== undefined) return outOfScope('网格只能查看本网格的统计，不能按街镇或大类筛选');
      return { ok: true, scope: { kind: 'grid', gridCode: actor.scope.gridCode } };
    case 'community':
    case 'resident':
    case 'system':
      return { ok: false, code: 'stats.forbidden', message: '当前身份不能查看统计分析，请查看门户首页的公开数据' };
  }
}

/** Which filters the dashboard offers `actor`: every street for the district centre, categories for both centres. */
export function statsFiltersFor(actor: Actor): { streets: 'all' | 'own' | 'none'; categories: boolean } {
  switch (actor.role) {
    case 'district_dispatcher':
    case 'admin':
      return { streets: 'all', categories: true };
    case 'street_dispatcher':
      return { streets: 'own', categories: true };
    default:
      return { streets: 'none', categories: false };
  }
}
