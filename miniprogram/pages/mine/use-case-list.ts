import { useRef } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom, useUnload } from '@tarojs/taro';
import { useCursorPages, type PagedList } from '../../components/use-cursor-pages';
import { listCases, type CaseSummary } from '../../services/cases';
import { live } from '../../services/live';
import { appendPage, applyUpdate, type ListFilter, type ListUpdate } from './case-list';

const PAGE_SIZE = 20;

export type CaseListState = PagedList<CaseSummary>;

/**
 * "我的诉求" and the staff inbox: the list for one filter, pull to refresh, the next page at the
 * bottom, and the live channel while the page shows. `enabled` false (signed out) loads nothing.
 */
export function useCaseList(view: 'mine' | 'inbox', filter: ListFilter, enabled: boolean): CaseListState {
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const stopWatching = useRef<() => void>();
  // Another tab: the list starts again from its first page (the show already loads the first tab).
  const { setItems, ...list } = useCursorPages((cursor) => listCases({ view, ...filterRef.current, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), {
    enabled,
    key: JSON.stringify(filter),
    append: appendPage,
  });

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

  useDidShow(() => {
    void list.reload();
    watch();
  });
  useDidHide(unwatch);
  useUnload(unwatch);
  usePullDownRefresh(() => list.reload().finally(() => void Taro.stopPullDownRefresh()));
  useReachBottom(() => list.loadMore());

  return list;
}
