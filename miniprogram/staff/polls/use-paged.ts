import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCursorPages, type CursorPage, type PagedList as ListState } from '../../components/use-cursor-pages';

export interface PagedList<T> extends ListState<T> {
  /** Puts a changed item in place (after a decision) without reloading the list. */
  replace: (item: T, same: (a: T, b: T) => boolean) => void;
}

/**
 * A cursor-paged list of the staff pages: the first page on show and on pull-down, the next at the
 * bottom or on 加载更多, from the start again when `key` (the tab) changes.
 */
export function usePagedList<T>(key: string, fetch: (cursor: string | undefined) => Promise<CursorPage<T>>, options: { enabled?: boolean; pageEvents?: boolean } = {}): PagedList<T> {
  const { enabled = true, pageEvents = true } = options;
  const { setItems, ...list } = useCursorPages(fetch, { enabled, key });

  useDidShow(() => void list.reload());
  usePullDownRefresh(() => (pageEvents ? list.reload().finally(() => void Taro.stopPullDownRefresh()) : undefined));
  useReachBottom(() => (pageEvents ? list.loadMore() : undefined));

  const replace = (item: T, same: (a: T, b: T) => boolean) => setItems((current) => current.map((known) => (same(known, item) ? item : known)));
  return { ...list, replace };
}
