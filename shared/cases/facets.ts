import { statusGroup, type CaseStatus, type StatusGroup } from './states';
import type { CaseRecord } from './types';

/**
 * List facets: the one filter a case list applies besides its scope. A stored case carries every
 * facet it matches, a list query asks for exactly one, and the store serves the list from an
 * index on (scope, facet, filedAt). Both sides are built here, so they cannot disagree.
 */
export type ListFacet =
  | 'all'
  | `status:${CaseStatus}`
  | `group:${StatusGroup}`
  | `cat:${string}`
  | `sub:${string}`
  | 'overdue'
  | 'supervised';

/** What of a case decides its facets. */
export type FacetSource = Pick<CaseRecord, 'status' | 'categoryCode' | 'subcategoryCode' | 'supervised'> & {
  /** The stage clock and the case clock (办结时限): either one overdue puts the case on the overdue list. */
  clock?: { overdue: boolean } | null;
  caseClock?: { overdue: boolean } | null;
};

/** The list filters a query may carry, at most one of them set (the request schema enforces it). */
export interface FacetFilter {
  status?: CaseStatus;
  group?: StatusGroup;
  categoryCode?: string;
  subcategoryCode?: string;
  overdue?: 'true' | true;
  supervised?: 'true' | true;
}

/**
 * Every facet a case is listed under. "Overdue" and "supervised" are worklists: a finished case
 * drops off them even though its flags stay set for the record.
 */
export function facetsOfRecord(record: FacetSource): ListFacet[] {
  const group = statusGroup(record.status);
  const facets: ListFacet[] = ['all', `status:${record.status}`, `group:${group}`, `cat:${record.categoryCode}`, `sub:${record.subcategoryCode}`];
  if ((record.clock?.overdue || record.caseClock?.overdue) && group !== 'closed') facets.push('overdue');
  if (record.supervised && group !== 'closed') facets.push('supervised');
  return facets;
}

/** The one facet a list query asks for; `fallback` when it sets no filter (an inbox shows open cases). */
export function facetOfQuery(filter: FacetFilter, fallback: ListFacet = 'all'): ListFacet {
  if (filter.status) return `status:${filter.status}`;
  if (filter.group) return `group:${filter.group}`;
  if (filter.categoryCode) return `cat:${filter.categoryCode}`;
  if (filter.subcategoryCode) return `sub:${filter.subcategoryCode}`;
  if (filter.overdue) return 'overdue';
  if (filter.supervised) return 'supervised';
  return fallback;
}
