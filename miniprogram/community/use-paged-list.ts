import { useCallback, useRef, useState } from 'react';
import { messageOf } from '../services/http';

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  /** The first page has been answered (empty state vs skeleton). */
  loaded: boolean;
  error: string;
  hasMore: boolean;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * A list the API pages by `nextCursor`: the first page, the next one on demand, and answers for a
 * list no longer shown (another tab, a newer reload) dropped.
 */
export function usePagedList<T extends { id: string }>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const ticket = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback(async (after: string | null) => {
    const mine = ++ticket.current;
    setLoading(true);
    setError('');
    try {
      const page = await fetchRef.current(after ?? undefined);
      if (mine !== ticket.current) return;
      setItems((current) => {
        if (!after) return page.items;
        const seen = new Set(current.map((item) => item.id));
        return [...current, ...page.items.filter((item) => !seen.has(item.id))];
      });
      setCursor(page.nextCursor);
      setLoaded(true);
    } catch (caught) {
      if (mine === ticket.current) setError(messageOf(caught));
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, []);

  const reload = useCallback(() => load(null), [load]);
  const loadMore = useCallback(async () => {
    if (cursor && !loading) await load(cursor);
  }, [cursor, loading, load]);

  return { items, loading, loaded, error, hasMore: cursor !== null, reload, loadMore };
}
