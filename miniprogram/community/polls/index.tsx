import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Skeleton, Tabs } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { ListFooter } from '../../components/list-footer';
import { PageShell } from '../../components/page-shell';
import { PollCard } from '../../components/poll-card';
import { pollPageUrl } from '../../components/poll-phase';
import { myMemberships, type MembershipView } from '../../services/membership';
import { listPolls, type PollPhaseName, type PollSummary } from '../../services/polls';
import { askForConsents, getSubscriptions, templatesAbout } from '../../services/messages';
import { currentAccount, insideWeChat } from '../../services/session';
import { loginUrl } from '../../pages/login/redirect';
import { openPage } from '../../pages/login/navigate';
import { usePagedList } from '../use-paged-list';
import './index.scss';

const HERE = '/community/polls/index';
const HOMES = '/community/homes/index';

const tabs: { phase: PollPhaseName; title: string; empty: string }[] = [
  { phase: 'voting', title: '投票中', empty: '现在没有正在投票的议题' },
  { phase: 'scheduled', title: '未开始', empty: '没有即将开始的议题' },
  { phase: 'ended', title: '已结束', empty: '还没有已结束的议题' },
];

/** 小区议事: the polls of my verified homes, by phase, a page at a time. */
export default function PollsPage() {
  const account = currentAccount();
  const [phase, setPhase] = useState<PollPhaseName>('voting');
  const [homes, setHomes] = useState<MembershipView[]>();
  const [now, setNow] = useState(() => new Date());
  const list = usePagedList<PollSummary>((cursor) => listPolls({ view: 'mine', phase, limit: 20, cursor }));
  // Fetched ahead: WeChat shows its consent dialog only from the tap itself, with no wait before it.
  const pollTemplates = useRef<string[]>([]);

  const load = async () => {
    if (!currentAccount()) return;
    setNow(new Date());
    if (insideWeChat) void getSubscriptions().then((answer) => (pollTemplates.current = templatesAbout(answer, 'poll')), () => undefined);
    await Promise.all([list.reload(), myMemberships().then((mine) => setHomes(mine.items), () => setHomes(undefined))]);
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void list.loadMore());

  const shownPhase = useRef(phase);
  useEffect(() => {
    if (shownPhase.current === phase) return;
    shownPhase.current = phase;
    void list.reload();
  }, [phase]);

  if (!account) {
    return (
      <PageShell className='polls-page'>
        <EmptyState title='登录后参与小区议事' description='认证房屋后，可对本小区的议题投票、留言'>
          <Button type='primary' onClick={() => openPage(loginUrl(HERE))}>
            去登录
          </Button>
        </EmptyState>
      </PageShell>
    );
  }

  const askForReminders = async () => {
    try {
      const answer = await askForConsents(pollTemplates.current);
      const accepted = answer.templates.some((template) => template.topic === 'poll' && template.remaining > 0);
      void Taro.showToast({ title: accepted ? '已开启议事提醒' : '未开启，可稍后再试', icon: 'none' });
    } catch {
      void Taro.showToast({ title: '未能开启提醒，请稍后再试', icon: 'none' });
    }
  };

  const verified = homes?.some((home) => home.status === 'verified');
  const pending = homes?.some((home) => home.status === 'pending');
  const tab = tabs.find((candidate) => candidate.phase === phase) ?? tabs[0];

  return (
    <PageShell className='polls-page'>
      <Tabs value={phase} onChange={(value) => setPhase(value as PollPhaseName)} activeType='line' className='polls-page__tabs'>
        {tabs.map((candidate) => (
          <Tabs.TabPane key={candidate.phase} value={candidate.phase} title={candidate.title} />
        ))}
      </Tabs>
      {homes && !verified && (
        <View className='polls-page__notice' role='button' ariaLabel='去认证房屋' onClick={() => openPage(HOMES)}>
          <Text>{pending ? '您的房屋认证正在审核，通过后即可参与本小区议事。' : '认证房屋后才能看到并参与本小区的议事投票。'}</Text>
          <Text className='polls-page__notice-link'>{pending ? '查看 ›' : '去认证 ›'}</Text>
        </View>
      )}
      {insideWeChat && verified && (
        <View className='polls-page__notice' role='button' ariaLabel='开启议事提醒' onClick={() => void askForReminders()}>
          <Text>新议题开始投票、结果公布时，用微信提醒我</Text>
          <Text className='polls-page__notice-link'>开启 ›</Text>
        </View>
      )}
      <View className='polls-page__list'>
        {!list.loaded && list.loading && (
          <View className='polls-page__skeleton'>
            <Skeleton rows={4} animated />
          </View>
        )}
        {list.items.map((item) => (
          <PollCard key={item.id} item={item} now={now} onClick={(poll) => openPage(pollPageUrl(poll.id))} />
        ))}
        {list.loaded && list.items.length === 0 && !list.error && (
          <EmptyState title={tab.empty} description={verified ? '居委会发起议题后会在这里出现，并通知您' : homes ? '您还没有已认证的房屋，议题只对本小区已认证的住户开放' : undefined}>
            {homes && !verified && (
              <Button type='primary' onClick={() => openPage(HOMES)}>
                去认证房屋
              </Button>
            )}
          </EmptyState>
        )}
        <ListFooter error={list.error || null} loadingMore={list.loading && list.loaded} hasItems={list.items.length > 0} hasMore={list.hasMore} onRetry={() => void list.reload()} onMore={() => void list.loadMore()} />
      </View>
    </PageShell>
  );
}
