import { useCursorPages, type CursorPage, type PagedList } from '../components/use-cursor-pages';

export type { PagedList };

/** A next page may repeat an item the list already shows (it moved while paging): shown once. */
function appendUnseen<T extends { id: string }>(current: T[], next: T[]): T[] {
  const seen = new Set(current.map((item) => item.id));
  return [...current, ...next.filter((item) => !seen.has(item.id))];
}

/**
 * A list the API pages by `nextCursor`: the first page, the next one on demand, and answers for a
 * list no longer shown (another tab, a newer reload) dropped.
 */
export function usePagedList<T extends { id: string }>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>): PagedList<T> {
  const { items, loading, loaded, error, hasMore, reload, loadMore } = useCursorPages(fetchPage, { append: appendUnseen });
  return { items, loading, loaded, error, hasMore, reload, loadMore };
}
