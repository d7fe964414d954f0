import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { FilingForm } from '../../pages/report/filing-form';
import { currentAccount, type Me } from '../../services/session';
import './index.scss';

const PATROL_PATH = '/staff/patrol/index';
const patrolRoles = ['grid_member', 'grid_leader'];

/** 巡查上报: a grid member on patrol files what they found; the server records it as grid_patrol. */
export default function Patrol() {
  const [account, setAccount] = useState<Me | undefined>(currentAccount);
  useDidShow(() => {
    const current = currentAccount();
    setAccount(current);
    if (!current) void Taro.redirectTo({ url: `/pages/login/index?redirect=${encodeURIComponent(PATROL_PATH)}` });
  });
  if (!account) return <PageShell>{null}</PageShell>;
  if (!patrolRoles.includes(account.role)) {
    return (
      <PageShell>
        <View className='patrol-denied' role='alert'>
          <Text className='patrol-denied__title'>巡查上报仅供网格员使用</Text>
          <Text className='patrol-denied__text'>{`当前身份：${account.roleLabel}。居民请使用“我要反映”。`}</Text>
        </View>
      </PageShell>
    );
  }
  return (
    <PageShell>
      <FilingForm kind='patrol' variant='patrol' gridCode={account.scope.gridCode} />
    </PageShell>
  );
}
