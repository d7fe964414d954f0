import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom, useUnload } from '@tarojs/taro';
import { listCases, type CaseSummary } from '../../services/cases';
import { messageOf } from '../../services/http';
import { live } from '../../services/live';
import { appendPage, applyUpdate, type ListFilter, type ListUpdate } from './case-list';

const PAGE_SIZE = 20;

export interface CaseListState {
  items: CaseSummary[];
  loading: boolean;
  /** The first page has been answered (empty state vs skeleton). */
  loaded: boolean;
  error: string;
  hasMore: boolean;
  reload: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * "我的诉求" and the staff inbox: the list for one filter, pull to refresh, the next page at the
 * bottom, and the live channel while the page shows. `enabled` false (signed out) loads nothing.
 */
export function useCaseList(view: 'mine' | 'inbox', filter: ListFilter, enabled: boolean): CaseListState {
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState('');
  const request = useRef(0);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const stopWatching = useRef<() => void>();

  const fetchPage = useCallback(
    async (after: string | null) => {
      if (!enabled) return;
      const ticket = ++request.current;
      setLoading(true);
      setError('');
      try {
        const page = await listCases({ view, ...filterRef.current, limit: PAGE_SIZE, ...(after ? { cursor: after } : {}) });
        // A tab switched while this page was on its way: its answer is for a list no longer shown.
        if (ticket !== request.current) return;
        setItems((current) => (after ? appendPage(current, page.items) : page.items));
        setCursor(page.nextCursor);
        setLoaded(true);
      } catch (caught) {
        if (ticket === request.current) setError(messageOf(caught));
      } finally {
        if (ticket === request.current) setLoading(false);
      }
    },
    [enabled, view],
  );

  const reload = useCallback(() => fetchPage(null), [fetchPage]);
  const loadMore = useCallback(async () => {
    if (cursor && !loading) await fetchPage(cursor);
  }, [cursor, loading, fetchPage]);

  const watch = () => {
    if (!enabled) return;
    stopWatching.current?.();
    // The client's types name the server's output (dates as Date); what arrives is the JSON, as from the REST list.
    stopWatching.current = live().watchList(`list:${view}`, view, {}, (update) =>
      setItems((current) => applyUpdate(current, update as unknown as ListUpdate, filterRef.current)),
    );
  };
  const unwatch = () => {
    stopWatching.current?.();
    stopWatching.current = undefined;
  };

  // Another tab: the list starts again from its first page (the show already loads the first tab).
  const filterKey = JSON.stringify(filter);
  const shownKey = useRef(filterKey);
  useEffect(() => {
    if (shownKey.current === filterKey) return;
    shownKey.current = filterKey;
    setItems([]);
    setCursor(null);
    setLoaded(false);
    void reload();
  }, [filterKey, reload]);

  useDidShow(() => {
    void reload();
    watch();
  });
  useDidHide(unwatch);
  useUnload(unwatch);
  usePullDownRefresh(() => reload().finally(() => void Taro.stopPullDownRefresh()));
  useReachBottom(() => loadMore());

  return { items, loading, loaded, error, hasMore: cursor !== null, reload, loadMore };
}
