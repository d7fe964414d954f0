import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Dialog, Skeleton, Tabs, Tag, TextArea } from '@nutui/nutui-react-taro';
import { membershipRelationLabels, type MembershipStatus } from '../../../shared/api/membership';
import { EmptyState } from '../../components/empty-state';
import { ListFooter } from '../../components/list-footer';
import { PageShell } from '../../components/page-shell';
import { staffConflictMessage } from '../../components/poll-editor.model';
import { RosterImport } from '../../components/roster-import';
import { canImportRoster, canReviewRoster } from '../../components/roster-roles';
import { messageOf } from '../../services/http';
import { listMemberships, rejectMembership, verifyMembership, type MembershipView } from '../../services/membership';
import { currentAccount } from '../../services/session';
import { formatDateTime } from '../../utils/format';
import { usePagedList } from '../polls/use-paged';
import './index.scss';

const PAGE_SIZE = 20;
const tabs: { key: Extract<MembershipStatus, 'pending' | 'verified' | 'rejected'>; title: string; empty: string }[] = [
  { key: 'pending', title: '待审核', empty: '没有待审核的住户申请' },
  { key: 'verified', title: '已认证', empty: '还没有已认证的住户' },
  { key: 'rejected', title: '未通过', empty: '没有未通过的申请' },
];

/**
 * 住户审核: residents' claims of a home in the staff member's scope, to approve or turn down with
 * a reason; for a community also the roster import that verifies matching claims at once.
 */
export default function Roster() {
  const account = currentAccount();
  const allowed = account !== undefined && canReviewRoster(account.role);
  const [tab, setTab] = useState<(typeof tabs)[number]['key']>('pending');
  const [busyId, setBusyId] = useState('');
  const [notice, setNotice] = useState('');
  const [rejecting, setRejecting] = useState<MembershipView | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  // NutUI's Dialog may call the handlers of an earlier render: they read what is typed now from here.
  const latest = useRef({ rejecting, reason });
  latest.current = { rejecting, reason };
  const list = usePagedList<MembershipView>(tab, (cursor) => listMemberships({ status: tab, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }), { enabled: allowed });

  if (!allowed) {
    return (
      <PageShell className='roster-page'>
        <EmptyState title={account ? '住户审核仅对社区和网格工作人员开放' : '请先登录工作账号'} />
      </PageShell>
    );
  }

  /** A decision taken: the claim leaves the pending list; someone else's decision first is explained and the list reloaded. */
  const decide = async (membership: MembershipView, step: () => Promise<MembershipView>, done: string) => {
    setBusyId(membership.id);
    setNotice('');
    try {
      await step();
      void Taro.showToast({ title: done, icon: 'success' });
      void list.reload();
      return true;
    } catch (error) {
      const conflict = staffConflictMessage(error);
      setNotice(conflict ?? messageOf(error));
      if (conflict) void list.reload();
      return conflict !== null;
    } finally {
      setBusyId('');
    }
  };

  const closeRejecting = () => {
    setRejecting(null);
    setReason('');
    setReasonError('');
  };
  /** Rejects while the reason is missing or the decision failed, which keeps the dialog open (NutUI closes it when this resolves). */
  const confirmReject = async () => {
    const { rejecting: target, reason: typed } = latest.current;
    if (!target) return;
    if (typed.trim().length < 2) {
      setReasonError('请填写不通过的原因（至少2个字），住户会看到');
      throw new Error('reason required');
    }
    if (!(await decide(target, () => rejectMembership(target.id, typed.trim(), target.revision), '已标记为不通过'))) throw new Error('not decided');
    closeRejecting();
  };

  return (
    <PageShell className='roster-page'>
      {canImportRoster(account.role) ? <RosterImport compoundCode={account.scope.compoundCodes?.[0]} onImported={() => void list.reload()} /> : null}
      <Tabs value={tab} onChange={(value) => setTab(value as typeof tab)} activeType='line' className='roster-page__tabs'>
        {tabs.map((candidate) => (
          <Tabs.TabPane key={candidate.key} value={candidate.key} title={candidate.title} />
        ))}
      </Tabs>
      {notice ? (
        <View className='roster-page__notice' role='alert'>
          <Text>{notice}</Text>
        </View>
      ) : null}
      <View className='roster-page__list'>
        {!list.loaded && list.loading ? (
          <View className='claim'>
            <Skeleton rows={3} animated />
          </View>
        ) : null}
        {list.loaded && list.items.length === 0 && !list.error ? <EmptyState title={tabs.find((candidate) => candidate.key === tab)?.empty ?? ''} /> : null}
        {list.items.map((membership) => (
          <View key={membership.id} className='claim' aria-label={`${membership.resident?.name ?? '住户'}的申请`}>
            <View className='claim__top'>
              <Text className='claim__who'>{membership.resident?.name ?? '住户'}</Text>
              <Tag type='default' plain>
                {membershipRelationLabels[membership.relation]}
              </Tag>
              {membership.resident?.phone ? <Text className='claim__phone'>{membership.resident.phone}</Text> : null}
            </View>
            <Text className='claim__home'>{`${membership.compound.name} ${membership.building.name} ${membership.unit}单元 ${membership.room}室`}</Text>
            <Text className='claim__meta'>{`${membership.grid.name} · 申请于 ${formatDateTime(membership.createdAt)}`}</Text>
            {membership.status !== 'pending' && membership.decidedAt ? (
              <Text className='claim__meta'>{`${membership.decidedBy === 'roster' ? '花名册自动认证' : '人工审核'} · ${formatDateTime(membership.decidedAt)}`}</Text>
            ) : null}
            {membership.reason ? <Text className='claim__reason'>{`原因：${membership.reason}`}</Text> : null}
            {membership.status === 'pending' ? (
              <View className='claim__actions'>
                <Button size='small' fill='outline' disabled={busyId === membership.id} onClick={() => setRejecting(membership)}>
                  不通过
                </Button>
                <Button size='small' type='primary' loading={busyId === membership.id} disabled={busyId === membership.id} onClick={() => void decide(membership, () => verifyMembership(membership.id, membership.revision), '已通过')}>
                  通过
                </Button>
              </View>
            ) : null}
          </View>
        ))}
        <ListFooter error={list.error || null} loadingMore={list.loaded && list.loading} hasItems={list.items.length > 0} hasMore={list.hasMore} onRetry={() => void list.reload()} onMore={() => void list.loadMore()} />
      </View>
      <Dialog
        visible={rejecting !== null}
        title='不通过'
        content={
          <View className='roster-page__reason'>
            <Text className='claim__meta'>{rejecting ? `${rejecting.resident?.name ?? '住户'}：${rejecting.compound.name} ${rejecting.building.name} ${rejecting.unit}单元 ${rejecting.room}室` : ''}</Text>
            <TextArea value={reason} onChange={(text) => {
              setReason(text);
              setReasonError('');
            }} maxLength={200} rows={3} placeholder='不通过的原因，住户会看到，如：该房屋登记的业主不是本人' aria-label='不通过的原因' />
            {reasonError ? <Text className='claim__reason'>{reasonError}</Text> : null}
          </View>
        }
        confirmText='确认不通过'
        cancelText='返回'
        disableConfirmButton={busyId !== ''}
        onConfirm={confirmReject}
        onCancel={closeRejecting}
        onClose={closeRejecting}
      />
    </PageShell>
  );
}
