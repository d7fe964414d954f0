import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { messageOf } from '../../services/http';

export interface PagedList<T> {
  items: T[];
  loading: boolean;
  /** The first page has been answered (empty state vs skeleton). */
  loaded: boolean;
  error: string;
  hasMore: boolean;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
  /** Puts a changed item in place (after a decision) without reloading the list. */
  replace: (item: T, same: (a: T, b: T) => boolean) => void;
}

/**
 * A cursor-paged list of the staff pages: the first page on show and on pull-down, the next at the
 * bottom or on 加载更多, from the start again when `key` (the tab) changes.
 */
export function usePagedList<T>(key: string, fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>, options: { enabled?: boolean; pageEvents?: boolean } = {}): PagedList<T> {
  const { enabled = true, pageEvents = true } = options;
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const ticket = useRef(0);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const fetchPage = useCallback(
    async (after: string | null) => {
      if (!enabled) return;
      const mine = ++ticket.current;
      setLoading(true);
      setError('');
      try {
        const page = await fetchRef.current(after ?? undefined);
        // Another tab was chosen meanwhile: this answer is for a list no longer shown.
        if (mine !== ticket.current) return;
        setItems((current) => (after ? [...current, ...page.items] : page.items));
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

  const reload = useCallback(() => fetchPage(null), [fetchPage]);
  const loadMore = useCallback(async () => {
    if (cursor && !loading) await fetchPage(cursor);
  }, [cursor, loading, fetchPage]);

  const shownKey = useRef(key);
  useEffect(() => {
    if (shownKey.current === key) return;
    shownKey.current = key;
    setItems([]);
    setCursor(null);
    setLoaded(false);
    void reload();
  }, [key, reload]);

  useDidShow(() => void reload());
  usePullDownRefresh(() => (pageEvents ? reload().finally(() => void Taro.stopPullDownRefresh()) : undefined));
  useReachBottom(() => (pageEvents ? loadMore() : undefined));

  const replace = (item: T, same: (a: T, b: T) => boolean) => setItems((current) => current.map((known) => (same(known, item) ? item : known)));
  return { items, loading, loaded, error, hasMore: cursor !== null, reload, loadMore, replace };
}
