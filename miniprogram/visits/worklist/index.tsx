import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Skeleton, Tabs } from '@nutui/nutui-react-taro';
import { EmptyState } from '../../components/empty-state';
import { ListFooter } from '../../components/list-footer';
import { PageShell } from '../../components/page-shell';
import { useCursorPages } from '../../components/use-cursor-pages';
import { currentAccount } from '../../services/session';
import { getRegister, getWorklist, type VisitPerson } from '../../services/visits';
import { listVisitDrafts } from '../draft-store';
import { PersonRow } from '../person-row';
import { AuditList } from './audit-list';
import { SummaryTable } from './summary-table';
import { canReadVisitRegister, canRegisterVisitPeople, canVisit, VISIT_REGISTER_PAGE, VISIT_WORKLIST_PAGE, visitPersonPage, visitRecordPage } from '../../components/visit-roles';
import { sendQueuedVisits } from '../send-visit';
import type { VisitDraft } from '../visit-draft';
import './index.scss';

const PAGE_SIZE = 20;

function draftState(draft: VisitDraft): string {
  if (draft.status === 'refused') return `未被接受：${draft.lastError ?? ''}`;
  if (draft.status === 'editing') return '尚未提交，点此继续填写';
  return `等待发送${draft.lastError ? `（${draft.lastError}）` : ''}`;
}
type TabKey = 'due' | 'register' | 'summary' | 'audit';

/**
 * 入户走访: who is owed a visit (red first, the latest first), the whole register of the account's
 * slice, and the visits drafted on this phone that the server does not have yet.
 */
export default function VisitWorklist() {
  const account = currentAccount();
  const allowed = !!account && canReadVisitRegister(account.role);
  const [tab, setTab] = useState<TabKey>('due');
  const listing = tab === 'due' || tab === 'register';
  const list = useCursorPages<VisitPerson>((cursor) => (tab === 'due' ? getWorklist : getRegister)({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), { enabled: allowed && listing, key: tab });
  const [drafts, setDrafts] = useState<VisitDraft[]>(() => (account ? listVisitDrafts(account.id) : []));
  const [sending, setSending] = useState(false);
  const [sendNote, setSendNote] = useState('');
  const now = new Date();

  const refreshDrafts = () => setDrafts(account ? listVisitDrafts(account.id) : []);
  useDidShow(() => {
    refreshDrafts();
    if (allowed && listing) void list.reload();
  });
  usePullDownRefresh(() => void list.reload().finally(() => void Taro.stopPullDownRefresh()));
  useReachBottom(() => void (listing ? list.loadMore() : undefined));

  if (!account) {
    return (
      <PageShell className='visits-page'>
        <EmptyState title='请先登录工作账号'>
          <Button type='primary' onClick={() => void Taro.navigateTo({ url: `/pages/login/index?redirect=${encodeURIComponent(VISIT_WORKLIST_PAGE)}` })}>
            去登录
          </Button>
        </EmptyState>
      </PageShell>
    );
  }
  if (!allowed) {
    return (
      <PageShell className='visits-page'>
        <EmptyState title='入户走访仅对网格、社区和主管部门开放' description={`当前身份：${account.roleLabel}`} />
      </PageShell>
    );
  }

  // Every visit the server does not have: sent without an answer, refused, or a form left half filled.
  const waiting = drafts;
  const sendAll = async () => {
    setSending(true);
    setSendNote('');
    const { sent, left } = await sendQueuedVisits(waiting);
    setSending(false);
    refreshDrafts();
    setSendNote(left ? `已发送 ${sent} 条，${left} 条仍未发送` : `已发送 ${sent} 条`);
    if (sent) void list.reload();
  };

  return (
    <PageShell className='visits-page'>
      <View className='visits-page__head'>
        <View className='visits-page__who'>
          <Text className='visits-page__title'>入户走访</Text>
          <Text className='visits-page__sub'>{`${account.name} · ${account.roleLabel}`}</Text>
        </View>
        {canRegisterVisitPeople(account.role) ? (
          <Button type='primary' size='small' onClick={() => void Taro.navigateTo({ url: VISIT_REGISTER_PAGE })}>
            登记人员
          </Button>
        ) : null}
      </View>
      {waiting.length > 0 && (
        <View className='visit-card visits-page__waiting' role='region' ariaLabel='未发送的走访'>
          <Text className='visit-card__title'>{`${waiting.length} 条走访尚未发送`}</Text>
          <Text className='visit-card__text'>走访记录保存在本机，联网后发送；发送成功后从本机删除。</Text>
          {waiting.map((draft) => (
            <View key={draft.draftId} className='visits-page__draft' role='button' ariaLabel={`${draft.person.name}的走访`} onClick={() => void Taro.navigateTo({ url: visitRecordPage(draft.person.id) })}>
              <Text>{`${draft.person.name} · ${draft.person.categoryName}`}</Text>
              <Text className={draft.status === 'refused' ? 'visit-error' : 'visit-card__text'}>{draftState(draft)}</Text>
            </View>
          ))}
          {waiting.some((draft) => draft.status === 'queued') && (
            <Button type='primary' size='small' loading={sending} disabled={sending} onClick={() => void sendAll()}>
              立即发送
            </Button>
          )}
        </View>
      )}
      {sendNote ? (
        <View className='visits-page__sent' role='status'>
          <Text>{sendNote}</Text>
        </View>
      ) : null}
      <Tabs value={tab} onChange={(value) => setTab(value as TabKey)} activeType='line' className='visits-page__tabs'>
        <Tabs.TabPane value='due' title='待走访' />
        <Tabs.TabPane value='register' title='名册' />
        <Tabs.TabPane value='summary' title='统计' />
        {account.role === 'community' ? <Tabs.TabPane value='audit' title='审计' /> : null}
      </Tabs>
      {tab === 'summary' ? (
        <View className='visits-page__list'>
          <SummaryTable />
        </View>
      ) : null}
      {tab === 'audit' ? (
        <View className='visits-page__list'>
          <AuditList />
        </View>
      ) : null}
      {listing ? (
        <View className='visits-page__list'>
          {!list.loaded && list.loading ? (
            <View className='visit-person'>
              <Skeleton rows={3} animated />
            </View>
          ) : null}
          {list.loaded && list.items.length === 0 && !list.error ? (
            tab === 'due' ? <EmptyState title='暂无到期的走访' description={canVisit(account.role) ? '临近走访时间的人员会出现在这里' : '本辖区暂无到期或逾期的走访'} /> : <EmptyState title='名册中还没有人员' />
          ) : null}
          {list.items.map((person) => (
            <PersonRow key={person.id} person={person} now={now} onOpen={() => void Taro.navigateTo({ url: visitPersonPage(person.id) })} />
          ))}
          <ListFooter error={list.error || null} loadingMore={list.loaded && list.loading} hasItems={list.items.length > 0} hasMore={list.hasMore} onRetry={() => void list.reload()} onMore={() => void list.loadMore()} />
        </View>
      ) : null}
      <Text className='visits-page__privacy'>人员信息已脱敏显示；每次查看都记入审计，仅限工作需要。</Text>
    </PageShell>
  );
}
