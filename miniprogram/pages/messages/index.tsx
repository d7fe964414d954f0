import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { ListFooter } from '../../components/list-footer';
import { Message } from '@nutui/icons-react-taro';
import { PageShell } from '../../components/page-shell';
import { messageOf } from '../../services/http';
import { listMessages, markAllRead, markRead, type MessageView } from '../../services/messages';
import { currentAccount } from '../../services/session';
import { formatTime } from '../../utils/format';
import { loginUrl } from '../login/redirect';
import { messageTarget } from './subject';
import { showUnreadBadge, useUnreadCount } from './unread';
import './index.scss';

interface ListState {
  items: MessageView[];
  nextCursor: string | null;
  loading: 'first' | 'more' | null;
  error: string | null;
}

const PAGE_SIZE = 20;

/** 消息: the in-app inbox, newest first; a tap marks a message read and opens its case or its poll. */
export default function Messages() {
  const [signedIn, setSignedIn] = useState(() => currentAccount() !== undefined);
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, loading: 'first', error: null });
  const [now, setNow] = useState(() => new Date());
  const [notice, setNotice] = useState<string | null>(null);
  const unread = useUnreadCount('messages');
  const lastUnread = useRef<number | undefined>(undefined);

  const loadFirst = async () => {
    setList((state) => ({ ...state, loading: 'first', error: null }));
    try {
      const page = await listMessages({ limit: PAGE_SIZE });
      setNow(new Date());
      setList({ items: page.items, nextCursor: page.nextCursor, loading: null, error: null });
    } catch (error) {
      setList((state) => ({ ...state, loading: null, error: messageOf(error) }));
    }
  };

  const loadMore = async () => {
    if (list.loading || !list.nextCursor) return;
    setList((state) => ({ ...state, loading: 'more', error: null }));
    try {
      const page = await listMessages({ limit: PAGE_SIZE, cursor: list.nextCursor });
      setList((state) => ({ items: [...state.items, ...page.items.filter((item) => !state.items.some((held) => held.id === item.id))], nextCursor: page.nextCursor, loading: null, error: null }));
    } catch (error) {
      setList((state) => ({ ...state, loading: null, error: messageOf(error) }));
    }
  };

  useDidShow(() => {
    const now = currentAccount() !== undefined;
    setSignedIn(now);
    if (now) void loadFirst();
  });

  // A rise in the live unread count means new messages: the first page is read again to show them.
  useEffect(() => {
    if (unread !== undefined && lastUnread.current !== undefined && unread > lastUnread.current) void loadFirst();
    lastUnread.current = unread;
    // Only the count drives this; loadFirst reads nothing stale.
  }, [unread]);

  usePullDownRefresh(() => {
    void (signedIn ? loadFirst() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    if (signedIn) void loadMore();
  });

  const open = async (message: MessageView) => {
    if (!message.read) {
      setList((state) => ({ ...state, items: state.items.map((item) => (item.id === message.id ? { ...item, read: true } : item)) }));
      try {
        await markRead(message.id);
      } catch {
        // Opening the case or poll matters more than the mark: it is tried again the next time.
        setList((state) => ({ ...state, items: state.items.map((item) => (item.id === message.id ? { ...item, read: false } : item)) }));
      }
    }
    void Taro.navigateTo({ url: messageTarget(message).url });
  };

  const readAll = async () => {
    setNotice(null);
    try {
      await markAllRead();
      setList((state) => ({ ...state, items: state.items.map((item) => ({ ...item, read: true })) }));
      showUnreadBadge(0);
    } catch (error) {
      setNotice(messageOf(error));
    }
  };

  if (!signedIn) {
    return (
      <PageShell className='messages'>
        <View className='messages__signin'>
          <EmptyState icon={<Message size={56} color='#c9d3dd' />} title='登录后查看消息' description='诉求的受理、派单、办结等进度和议事投票的通知会显示在这里' />
          <Button type='primary' size='large' onClick={() => void Taro.navigateTo({ url: loginUrl('/pages/messages/index') })}>
            登录
          </Button>
        </View>
      </PageShell>
    );
  }

  const anyUnread = (unread ?? 0) > 0 || list.items.some((item) => !item.read);

  return (
    <PageShell className='messages'>
      <View className='messages__bar'>
        <Text className='messages__count'>{unread === undefined ? '消息' : unread > 0 ? `${unread} 条未读` : '全部已读'}</Text>
        <Button size='small' fill='outline' type='primary' disabled={!anyUnread} onClick={() => void readAll()}>
          全部已读
        </Button>
      </View>
      {notice && (
        <View className='messages__error' role='alert'>
          {notice}
        </View>
      )}

      {list.loading === 'first' && list.items.length === 0 && <Text className='messages__note'>正在加载…</Text>}
      {list.items.map((message) => (
        <View
          key={message.id}
          className={`message ${message.read ? '' : 'message--unread'}`}
          role='button'
          ariaLabel={`${message.read ? '' : '未读，'}${message.text}，${messageTarget(message).label}`}
          hoverClass='message--pressed'
          onClick={() => void open(message)}
        >
          <View className='message__head'>
            {!message.read && <View className='message__dot' />}
            <Text className='message__case'>{messageTarget(message).label}</Text>
            {message.inbox === 'organisation' && <Text className='message__inbox'>单位消息</Text>}
            <Text className='message__time'>{formatTime(message.at, now)}</Text>
          </View>
          <Text className='message__text'>{message.text}</Text>
        </View>
      ))}
      {list.loading === null && list.error === null && list.items.length === 0 && <EmptyState icon={<Message size={56} color='#c9d3dd' />} title='暂无消息' description='诉求有进展时会通知你' />}
      <ListFooter
        error={list.error}
        loadingMore={list.loading === 'more'}
        hasItems={list.items.length > 0}
        hasMore={list.nextCursor !== null}
        onRetry={() => void (list.items.length === 0 ? loadFirst() : loadMore())}
        onMore={() => void loadMore()}
      />
    </PageShell>
  );
}
