import type { CaseListQuery } from '../../services/cases';

/**
 * What the public list is narrowed by: a street (or the whole district) and at most one other
 * filter — the API serves exactly those combinations from an index, so the page offers no more.
 */
export type OtherFilter = { kind: 'none' } | { kind: 'group'; group: 'open' | 'closed' } | { kind: 'category'; code: string; name: string };

export interface PublicFilters {
  street: { code: string; name: string } | null;
  other: OtherFilter;
}

export const noFilters: PublicFilters = { street: null, other: { kind: 'none' } };

export const groupLabels: Record<'open' | 'closed', string> = { open: '办理中', closed: '已办结' };

export const PUBLIC_PAGE_SIZE = 10;

export function publicQuery(filters: PublicFilters, cursor?: string): CaseListQuery {
  const query: CaseListQuery = { view: 'public', limit: PUBLIC_PAGE_SIZE };
  if (filters.street) query.streetCode = filters.street.code;
  if (filters.other.kind === 'group') query.group = filters.other.group;
  if (filters.other.kind === 'category') query.categoryCode = filters.other.code;
  if (cursor) query.cursor = cursor;
  return query;
}

/** Choosing a group or a category replaces whichever of the two was chosen before. */
export function withOther(filters: PublicFilters, other: OtherFilter): PublicFilters {
  return { ...filters, other };
}

/** A line saying what the list shows, for the page and for screen readers. */
export function describeFilters(filters: PublicFilters): string {
  const where = filters.street?.name ?? '全区';
  const what = filters.other.kind === 'group' ? groupLabels[filters.other.group] : filters.other.kind === 'category' ? filters.other.name : '全部';
  return `${where} · ${what}`;
}
