import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import './list-footer.scss';

/**
 * The end of a paged list: the failure with 重新加载, or 加载更多 while the server has another page,
 * or 没有更多了. Tapping is the way on for those who do not scroll (and for screen readers).
 */
export function ListFooter({ error, loadingMore, hasItems, hasMore, onRetry, onMore }: { error: string | null; loadingMore: boolean; hasItems: boolean; hasMore: boolean; onRetry: () => void; onMore: () => void }) {
  if (error) {
    return (
      <View className='list-footer list-footer--error'>
        <Text className='list-footer__error'>{error}</Text>
        <Button size='small' type='primary' fill='outline' onClick={onRetry}>
          重新加载
        </Button>
      </View>
    );
  }
  if (!hasItems) return null;
  return (
    <View className='list-footer'>
      {loadingMore ? (
        <Text className='list-footer__note'>正在加载更多…</Text>
      ) : hasMore ? (
        <Button size='small' fill='none' onClick={onMore}>
          加载更多
        </Button>
      ) : (
        <Text className='list-footer__note'>没有更多了</Text>
      )}
    </View>
  );
}
