import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Tabs } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { PageShell } from '../../components/page-shell';
import { currentAccount } from '../../services/session';
import type { ListFilter } from './case-list';
import { CaseListView } from './case-list-view';
import { useCaseList } from './use-case-list';
import './index.scss';

const tabs: { key: string; title: string; filter: ListFilter }[] = [
  { key: 'all', title: '全部', filter: {} },
  { key: 'open', title: '办理中', filter: { group: 'open' } },
  { key: 'closed', title: '已办结', filter: { group: 'closed' } },
];

/** 我的诉求: what I filed and what I follow, live. */
export default function MyCasesPage() {
  const account = currentAccount();
  const [tab, setTab] = useState('all');
  const filter = tabs.find((candidate) => candidate.key === tab)?.filter ?? {};
  const list = useCaseList('mine', filter, account !== undefined);

  if (!account) {
    return (
      <PageShell className='mine-page'>
        <EmptyState title='登录后查看我的诉求' description='上报和关注的问题都在这里，办理进展实时更新'>
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: `/pages/login/index?redirect=${encodeURIComponent('/pages/mine/index')}` })}>
            去登录
          </Button>
        </EmptyState>
      </PageShell>
    );
  }

  return (
    <PageShell className='mine-page'>
      <Tabs value={tab} onChange={(value) => setTab(String(value))} activeType='line' className='mine-page__tabs'>
        {tabs.map((candidate) => (
          <Tabs.TabPane key={candidate.key} value={candidate.key} title={candidate.title} />
        ))}
      </Tabs>
      <View className='mine-page__list'>
        <CaseListView
          list={list}
          items={list.items}
          empty={
            <EmptyState title={tab === 'all' ? '还没有反映过问题' : '这里还没有诉求'} description='发现身边的问题，拍张照片告诉我们'>
              <Button type='primary' onClick={() => void Taro.navigateTo({ url: '/pages/report/index' })}>
                我要反映
              </Button>
            </EmptyState>
          }
        />
      </View>
      <Text className='mine-page__hint'>下拉刷新 · 办理进展实时更新</Text>
    </PageShell>
  );
}
