import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../services/http';

/** A page as every list of the API answers it. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a page shows of a paged list. */
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

export interface CursorPages<T> extends PagedList<T> {
  /** For what changes items in place (a live update, a decision) without a reload. */
  setItems: (update: (current: T[]) => T[]) => void;
}

export interface CursorPagesOptions<T> {
  /** False (signed out, no account yet): nothing is fetched. */
  enabled?: boolean;
  /** When it changes (another tab, another filter), the list starts again from its first page. */
  key?: string;
  /** How a next page joins what is shown; by default, appended. */
  append?: (current: T[], next: T[]) => T[];
}

const appendAll = <T>(current: T[], next: T[]) => [...current, ...next];

/**
 * A list the API pages by `nextCursor`: the first page, the next one on demand, from the start
 * again when `key` changes. An answer for a list no longer shown (another tab, a newer reload) is
 * dropped. The page events (show, pull-down, bottom) are the caller's: pages differ in them.
 */
export function useCursorPages<T>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>, options: CursorPagesOptions<T> = {}): CursorPages<T> {
  const { enabled = true, key = '' } = options;
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const ticket = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const appendRef = useRef(options.append ?? appendAll);
  appendRef.current = options.append ?? appendAll;

  const load = useCallback(
    async (after: string | null) => {
      if (!enabled) return;
      const mine = ++ticket.current;
      setLoading(true);
      setError('');
      try {
        const page = await fetchRef.current(after ?? undefined);
        if (mine !== ticket.current) return;
        setItems((current) => (after ? appendRef.current(current, page.items) : page.items));
        setCursor(page.nextCursor);
        setLoaded(true);
      } catch (caught) {
        if (mine === ticket.current) setError(messageOf(caught));
      } finally {
        if (mine === ticket.current) setLoading(false);
      }
    },
    [enabled],
  );

  const reload = useCallback(() => load(null), [load]);
  const loadMore = useCallback(async () => {
    if (cursor && !loading) await load(cursor);
  }, [cursor, loading, load]);

  // The first key is loaded by whoever shows the page; only a change starts the list again here.
  const shownKey = useRef(key);
  useEffect(() => {
    if (shownKey.current === key) return;
    shownKey.current = key;
    setItems([]);
    setCursor(null);
    setLoaded(false);
    void reload();
  }, [key, reload]);

  return { items, loading, loaded, error, hasMore: cursor !== null, reload, loadMore, setItems };
}
