import type { CaseListQuery, CaseSummary } from '../../services/cases';

/**
 * A paged list of cases kept live: pages append by cursor, the socket replaces what changed,
 * removes what left, and adds a case filed after the newest one shown (anything older belongs to
 * a page not loaded yet, and comes with it).
 */
export type ListFilter = Pick<CaseListQuery, 'group' | 'status' | 'overdue' | 'supervised'>;

export function appendPage(current: readonly CaseSummary[], page: readonly CaseSummary[]): CaseSummary[] {
  const shown = new Set(current.map((item) => item.id));
  return [...current, ...page.filter((item) => !shown.has(item.id))];
}

export function matchesFilter(item: CaseSummary, filter: ListFilter): boolean {
  if (filter.group && item.statusGroup !== filter.group) return false;
  if (filter.status && item.status !== filter.status) return false;
  if (filter.overdue && !(item.overdue || item.caseOverdue)) return false;
  if (filter.supervised && !item.supervised) return false;
  return true;
}

export type ListUpdate = { type: 'summary'; caseId: string; summary: CaseSummary } | { type: 'left'; caseId: string };

export function applyUpdate(current: readonly CaseSummary[], update: ListUpdate, filter: ListFilter): CaseSummary[] {
  const without = current.filter((item) => item.id !== update.caseId);
  if (update.type === 'left') return without.length === current.length ? (current as CaseSummary[]) : without;
  const { summary } = update;
  const index = current.findIndex((item) => item.id === update.caseId);
  if (!matchesFilter(summary, filter)) return index === -1 ? (current as CaseSummary[]) : without;
  // `followed` comes only with the REST list (view=mine): keep what the page knew.
  const merged = index === -1 ? summary : { ...summary, followed: summary.followed ?? current[index].followed };
  if (index !== -1) return current.map((item, at) => (at === index ? merged : item));
  const newest = current[0];
  if (newest && new Date(summary.filedAt).getTime() < new Date(newest.filedAt).getTime()) return current as CaseSummary[];
  return [merged, ...current];
}

/** The overdue cases of what is loaded first (the API orders by filing time), each part keeping its order. */
export function overdueFirst(items: readonly CaseSummary[]): CaseSummary[] {
  const late = (item: CaseSummary) => item.statusGroup !== 'closed' && (item.overdue || item.caseOverdue);
  return [...items.filter(late), ...items.filter((item) => !late(item))];
}
