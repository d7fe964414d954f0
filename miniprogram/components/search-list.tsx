import { useEffect, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button, SearchBar } from '@nutui/nutui-react-taro';
import { messageOf } from '../services/http';
import type { CursorPage } from './use-cursor-pages';
import './search-list.scss';

interface SearchListProps<T> {
  /** A page of what matches `word` (the whole list when empty), after `after`. */
  fetchPage: (word: string, after?: string) => Promise<CursorPage<T>>;
  renderItem: (item: T) => ReactNode;
  placeholder: string;
  emptyText: string;
  /** The block class the page's tests and styles find it by (e.g. `compound-search`). */
  className: string;
}

/** A search box over a paged list of the API: one search per word typed (debounced), then 加载更多. */
export function SearchList<T>({ fetchPage, renderItem, placeholder, emptyText, className }: SearchListProps<T>) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);

  const search = async (word: string, after?: string) => {
    setLoading(true);
    setError('');
    try {
      const page = await fetchPage(word.trim(), after);
      setItems((current) => (after ? [...current, ...page.items] : page.items));
      setNext(page.nextCursor);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    const timer = setTimeout(() => void search(q), q ? 300 : 0);
    return () => clearTimeout(timer);
    // One search per word typed, not per render.
  }, [q]);

  return (
    <View className={`search-list ${className}`}>
      <SearchBar value={q} onChange={(word) => setQ(word)} placeholder={placeholder} shape='round' />
      <View className='search-list__list'>
        {items.map(renderItem)}
        {!loading && items.length === 0 && !error && <Text className='search-list__empty'>{emptyText}</Text>}
        {error && <Text className='search-list__error'>{error}</Text>}
        {loading && items.length === 0 && <Text className='search-list__empty'>正在加载…</Text>}
        {next && (
          <Button size='small' fill='none' loading={loading} onClick={() => void search(q, next)}>
            加载更多
          </Button>
        )}
      </View>
    </View>
  );
}
