import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Skeleton } from '@nutui/nutui-react-taro';
import { CaseCard } from '../../components/case-card';
import type { CaseSummary } from '../../services/cases';
import type { CaseListState } from './use-case-list';
import './case-list-view.scss';

/** The body of a case list: skeleton, error with retry, the cards, and the footer that loads more. */
export function CaseListView({ list, items, empty }: { list: CaseListState; items: CaseSummary[]; empty: React.ReactNode }) {
  const now = new Date();
  const open = (item: CaseSummary) => void Taro.navigateTo({ url: `/pages/case/index?id=${item.id}` });
  if (!list.loaded && list.error) {
    return (
      <View className='case-list__state'>
        <Text>{list.error}</Text>
        <Button type='primary' size='small' onClick={() => void list.reload()}>
          重试
        </Button>
      </View>
    );
  }
  if (!list.loaded) {
    return (
      <View className='case-list__skeleton'>
        <Skeleton rows={3} animated />
        <Skeleton rows={3} animated />
      </View>
    );
  }
  if (items.length === 0) return <>{empty}</>;
  return (
    <View className='case-list' role='list'>
      {items.map((item) => (
        <CaseCard key={item.id} item={item} now={now} onClick={open} />
      ))}
      <View className='case-list__footer'>
        {list.error ? (
          <Button size='small' fill='none' onClick={() => void list.loadMore()}>
            {list.error}，点击重试
          </Button>
        ) : list.hasMore ? (
          <Button size='small' fill='none' loading={list.loading} onClick={() => void list.loadMore()}>
            加载更多
          </Button>
        ) : (
          <Text>没有更多了</Text>
        )}
      </View>
    </View>
  );
}
