import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Dialog, Skeleton, Tag, Toast } from '@nutui/nutui-react-taro';
import { membershipRelationLabels, membershipStatusLabels, type MembershipStatus } from '../../../shared/api/membership';
import { EmptyState } from '../../components/empty-state';
import { GridTeamCard } from '../../components/grid-team';
import { PageShell } from '../../components/page-shell';
import { messageOf } from '../../services/http';
import { leaveMembership, myGrids, myMemberships, type MembershipView, type MyGrids } from '../../services/membership';
import { currentAccount } from '../../services/session';
import { formatDateTime } from '../../utils/format';
import { loading, settle, type Remote } from '../../pages/index/remote';
import { loginUrl } from '../../pages/login/redirect';
import { openPage } from '../../pages/login/navigate';
import { ClaimForm } from './claim-form';
import './index.scss';

const TOAST_ID = 'homes-toast';
const HERE = '/community/homes/index';

const statusTones: Record<MembershipStatus, 'warning' | 'success' | 'danger' | 'default'> = { pending: 'warning', verified: 'success', rejected: 'danger', ended: 'default' };

/** 我的房屋: the homes I have claimed and how they stand, a new claim, moving out, and my grid's team. */
export default function HomesPage() {
  const account = currentAccount();
  const [homes, setHomes] = useState<Remote<MembershipView[]>>(loading);
  const [grids, setGrids] = useState<Remote<MyGrids>>(loading);
  const [claiming, setClaiming] = useState(false);
  const [leaving, setLeaving] = useState<MembershipView>();

  const load = async () => {
    if (!currentAccount()) return;
    const [mine, teams] = await Promise.all([settle(myMemberships().then((page) => page.items)), settle(myGrids())]);
    setHomes(mine);
    setGrids(teams);
    if (mine.state === 'ready' && mine.value.length === 0) setClaiming(true);
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const claimed = (membership: MembershipView) => {
    setClaiming(false);
    Toast.show(TOAST_ID, { content: membership.status === 'verified' ? '已通过社区名册认证' : '已提交，等待审核', icon: 'success', duration: 2 });
    void load();
  };

  const leave = async () => {
    const home = leaving;
    setLeaving(undefined);
    if (!home) return;
    try {
      await leaveMembership(home.id);
      Toast.show(TOAST_ID, { content: '已迁出', icon: 'success', duration: 2 });
      await load();
    } catch (caught) {
      Toast.show(TOAST_ID, { content: messageOf(caught), icon: 'fail', duration: 2 });
    }
  };

  if (!account) {
    return (
      <PageShell className='homes-page'>
        <EmptyState title='登录后认证房屋' description='认证住户身份后，可参与本小区议事投票、联系您的网格员'>
          <Button type='primary' onClick={() => openPage(loginUrl(HERE))}>
            去登录
          </Button>
        </EmptyState>
      </PageShell>
    );
  }

  return (
    <PageShell className='homes-page'>
      <View className='homes-page__card'>
        <View className='homes-page__head'>
          <Text className='homes-page__title'>我的房屋</Text>
          {!claiming && homes.state === 'ready' && (
            <Button size='small' type='primary' fill='outline' onClick={() => setClaiming(true)}>
              + 认证房屋
            </Button>
          )}
        </View>
        {homes.state === 'loading' && <Skeleton rows={3} animated />}
        {homes.state === 'failed' && (
          <View className='homes-page__failed'>
            <Text>{homes.message}</Text>
            <Button size='small' type='primary' fill='outline' onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        )}
        {homes.state === 'ready' && homes.value.length === 0 && <Text className='homes-page__weak'>还没有认证的房屋。认证后可参与小区议事、联系网格员。</Text>}
        {homes.state === 'ready' && homes.value.map((home) => <HomeRow key={home.id} home={home} onLeave={() => setLeaving(home)} />)}
      </View>

      {claiming && (
        <View className='homes-page__card'>
          <View className='homes-page__head'>
            <Text className='homes-page__title'>认证房屋</Text>
            {homes.state === 'ready' && homes.value.length > 0 && (
              <Button size='small' fill='none' onClick={() => setClaiming(false)}>
                收起
              </Button>
            )}
          </View>
          <ClaimForm onClaimed={claimed} />
        </View>
      )}

      <View className='homes-page__card'>
        <Text className='homes-page__title'>我的网格</Text>
        {grids.state === 'loading' && <Skeleton rows={2} animated />}
        {grids.state === 'failed' && <Text className='homes-page__weak'>{grids.message}</Text>}
        {grids.state === 'ready' && grids.value.items.length === 0 && <Text className='homes-page__weak'>房屋认证通过后，这里会显示您所在网格的网格长和网格员，可一键拨打。</Text>}
        {grids.state === 'ready' && grids.value.items.map((team) => <GridTeamCard key={team.grid.code} team={team} />)}
      </View>

      <Dialog
        visible={leaving !== undefined}
        title='确认迁出'
        content={leaving ? `迁出「${leaving.compound.name} ${leaving.building.name}${leaving.unit}单元${leaving.room}室」后，将不能参与该小区的议事投票。如需恢复须重新认证。` : ''}
        confirmText='迁出'
        cancelText='取消'
        onConfirm={() => void leave()}
        onCancel={() => setLeaving(undefined)}
        onClose={() => setLeaving(undefined)}
      />
      <Toast id={TOAST_ID} />
    </PageShell>
  );
}

const decidedLabels: Record<NonNullable<MembershipView['decidedBy']>, string> = { roster: '社区名册认证', staff: '审核', resident: '本人操作' };

function HomeRow({ home, onLeave }: { home: MembershipView; onLeave: () => void }) {
  const active = home.status === 'pending' || home.status === 'verified';
  return (
    <View className={`home-row home-row--${home.status}`}>
      <View className='home-row__head'>
        <Tag type={statusTones[home.status]}>{membershipStatusLabels[home.status]}</Tag>
        <Text className='home-row__relation'>{membershipRelationLabels[home.relation]}</Text>
      </View>
      <Text className='home-row__address'>
        {home.compound.name} {home.building.name} {home.unit}单元 {home.room}室
      </Text>
      <Text className='home-row__meta'>
        {home.grid.name}
        {home.decidedAt ? ` · ${decidedLabels[home.decidedBy ?? 'staff']}于 ${formatDateTime(home.decidedAt)}` : ` · 提交于 ${formatDateTime(home.createdAt)}`}
      </Text>
      {home.status === 'pending' && <Text className='home-row__meta'>等待居委会或网格员审核</Text>}
      {home.reason && (home.status === 'rejected' || home.status === 'ended') && <Text className='home-row__reason'>原因：{home.reason}</Text>}
      {active && (
        <View className='home-row__actions'>
          <Button size='small' fill='none' onClick={onLeave}>
            {home.status === 'pending' ? '撤回申请' : '迁出'}
          </Button>
        </View>
      )}
    </View>
  );
}
