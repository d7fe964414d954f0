import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Skeleton, Tabs, Tag } from '@nutui/nutui-react-taro';
import { pollPhaseLabels, type PollPhaseName } from '../../../shared/api/polls';
import { EmptyState } from '../../components/empty-state';
import { ListFooter } from '../../components/list-footer';
import { PageShell } from '../../components/page-shell';
import { canDraftPolls } from '../../components/roster-roles';
import { listPolls, type PollSummary } from '../../services/polls';
import { currentAccount, isStaff } from '../../services/session';
import { formatDateTime } from '../../utils/format';
import { phaseTone } from './phase-tone';
import { usePagedList } from './use-paged';
import './index.scss';

const PAGE_SIZE = 20;
const tabs: { key: 'all' | PollPhaseName; title: string }[] = [
  { key: 'all', title: '全部' },
  { key: 'draft', title: '草稿' },
  { key: 'scheduled', title: '未开始' },
  { key: 'voting', title: '投票中' },
  { key: 'ended', title: '已结束' },
  { key: 'cancelled', title: '已取消' },
];


/** 议事管理: the polls of the staff member's scope, drafts included, by phase. */
export default function StaffPolls() {
  const account = currentAccount();
  const staff = isStaff(account);
  const [tab, setTab] = useState<(typeof tabs)[number]['key']>('all');
  const list = usePagedList<PollSummary>(tab, (cursor) => listPolls({ view: 'manage', limit: PAGE_SIZE, ...(tab === 'all' ? {} : { phase: tab }), ...(cursor ? { cursor } : {}) }), { enabled: staff });

  if (!staff) {
    return (
      <PageShell className='polls-page'>
        <EmptyState title={account ? '议事管理仅对工作人员开放' : '请先登录工作账号'} />
      </PageShell>
    );
  }

  const open = (poll: PollSummary) => void Taro.navigateTo({ url: `/staff/poll-manage/index?id=${encodeURIComponent(poll.id)}` });

  return (
    <PageShell className='polls-page'>
      <View className='polls-page__head'>
        <View>
          <Text className='polls-page__title'>议事协商</Text>
          <Text className='polls-page__sub'>{account?.name}</Text>
        </View>
        {account && canDraftPolls(account.role) ? (
          <Button type='primary' size='small' onClick={() => void Taro.navigateTo({ url: '/staff/poll-edit/index' })}>
            发起议题
          </Button>
        ) : null}
      </View>
      <Tabs value={tab} onChange={(value) => setTab(value as typeof tab)} activeType='line' className='polls-page__tabs'>
        {tabs.map((candidate) => (
          <Tabs.TabPane key={candidate.key} value={candidate.key} title={candidate.title} />
        ))}
      </Tabs>
      <View className='polls-page__list'>
        {!list.loaded && list.loading ? (
          <View className='poll-row'>
            <Skeleton rows={3} animated />
          </View>
        ) : null}
        {list.loaded && list.items.length === 0 && !list.error ? <EmptyState title={tab === 'all' ? '还没有议题' : `没有${tabs.find((candidate) => candidate.key === tab)?.title}的议题`} description='发起议题后，范围内已认证的住户可以参与投票' /> : null}
        {list.items.map((poll) => (
          <View key={poll.id} className='poll-row' role='button' ariaLabel={`${poll.title}，${pollPhaseLabels[poll.phase]}`} onClick={() => open(poll)}>
            <View className='poll-row__top'>
              <Tag type={phaseTone[poll.phase]} plain={poll.phase === 'draft'}>
                {pollPhaseLabels[poll.phase]}
              </Tag>
              <Text className='poll-row__scope'>{poll.scopeLabel}</Text>
            </View>
            <Text className='poll-row__title'>{poll.title}</Text>
            <Text className='poll-row__meta'>{`${formatDateTime(poll.opensAt)} 至 ${formatDateTime(poll.closesAt)}`}</Text>
            <Text className='poll-row__meta'>{`${poll.votesPer === 'household' ? '每户一票' : '每人一票'} · 已投 ${poll.votes} 票`}</Text>
          </View>
        ))}
        <ListFooter error={list.error || null} loadingMore={list.loaded && list.loading} hasItems={list.items.length > 0} hasMore={list.hasMore} onRetry={() => void list.reload()} onMore={() => void list.loadMore()} />
      </View>
    </PageShell>
  );
}
