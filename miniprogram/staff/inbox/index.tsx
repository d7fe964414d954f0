import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Tabs } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { PageShell } from '../../components/page-shell';
import { overdueFirst, type ListFilter } from '../../pages/mine/case-list';
import { CaseListView } from '../../pages/mine/case-list-view';
import { useCaseList } from '../../pages/mine/use-case-list';
import { currentAccount, isStaff } from '../../services/session';
import './index.scss';

/** One filter at a time, as the API takes them. */
const filters: { key: string; title: string; filter: ListFilter }[] = [
  { key: 'all', title: '全部', filter: {} },
  { key: 'overdue', title: '超时', filter: { overdue: 'true' } },
  { key: 'supervised', title: '督办', filter: { supervised: 'true' } },
  { key: 'submitted', title: '待受理', filter: { status: 'submitted' } },
  { key: 'dispatched', title: '待接单', filter: { status: 'dispatched' } },
  { key: 'in_progress', title: '处置中', filter: { status: 'in_progress' } },
  { key: 'resolved', title: '待审核', filter: { status: 'resolved' } },
  { key: 'returned', title: '已退回', filter: { status: 'returned' } },
];

const patrolRoles = ['grid_member', 'grid_leader'];

/**
 * 待办: the cases in the signed-in staff member's scope (the server decides the scope). The API
 * lists by filing time; the page puts the overdue ones of what is loaded first, and the 超时 tab
 * asks the server for every overdue case.
 */
export default function StaffInbox() {
  const account = currentAccount();
  const staff = isStaff(account);
  // `?tab=overdue` opens on a filter (the home page's 已超时 tile).
  const opened = useRouter().params.tab;
  const [tab, setTab] = useState(() => (filters.some((candidate) => candidate.key === opened) ? (opened as string) : 'all'));
  const filter = filters.find((candidate) => candidate.key === tab)?.filter ?? {};
  const list = useCaseList('inbox', filter, staff);

  if (!staff) {
    return (
      <PageShell className='inbox-page'>
        <EmptyState title={account ? '待办仅对工作人员开放' : '请先登录工作账号'}>
          {!account && (
            <Button type='primary' onClick={() => void Taro.navigateTo({ url: `/pages/login/index?redirect=${encodeURIComponent('/staff/inbox/index')}` })}>
              去登录
            </Button>
          )}
        </EmptyState>
      </PageShell>
    );
  }

  const items = overdueFirst(list.items);
  const lateCount = items.filter((item) => item.statusGroup !== 'closed' && (item.overdue || item.caseOverdue)).length;

  return (
    <PageShell className='inbox-page'>
      <View className='inbox-page__head'>
        <View className='inbox-page__who'>
          <Text className='inbox-page__name'>{account?.name}</Text>
          <Text className='inbox-page__role'>{account?.roleLabel}</Text>
        </View>
        {account && patrolRoles.includes(account.role) && (
          <Button type='primary' size='small' onClick={() => void Taro.navigateTo({ url: '/staff/patrol/index' })}>
            巡查上报
          </Button>
        )}
      </View>
      <Tabs value={tab} onChange={(value) => setTab(String(value))} activeType='line' className='inbox-page__tabs'>
        {filters.map((candidate) => (
          <Tabs.TabPane key={candidate.key} value={candidate.key} title={candidate.title} />
        ))}
      </Tabs>
      {lateCount > 0 && tab !== 'overdue' && <Text className='inbox-page__late'>{lateCount} 件已超时，排在最前</Text>}
      <View className='inbox-page__list'>
        <CaseListView list={list} items={items} empty={<EmptyState title='暂无待办' description='新的案件会实时出现在这里' />} />
      </View>
    </PageShell>
  );
}
