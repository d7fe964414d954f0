import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Cell, Dialog, Switch } from '@nutui/nutui-react-taro';
import { PageShell } from '../../components/page-shell';
import { canDraftPolls, canReviewRoster } from '../../components/roster-roles';
import { canReadVisitRegister, VISIT_WORKLIST_PAGE } from '../../components/visit-roles';
import { canReadStats, PUBLIC_FIGURES_PAGE, STATS_DASHBOARD_PAGE } from '../../components/stats-roles';
import { live } from '../../services/live';
import { askForConsents, getSubscriptions, templatesAbout, type Subscriptions } from '../../services/messages';
import { readPreferences, savePreferences } from '../../services/preferences';
import { unsentVisitDraftCount } from '../../services/visit-draft-storage';
import { currentAccount, insideWeChat, isStaff, logout, refreshMe, type Me as Account } from '../../services/session';
import { loading, settle, type Remote } from '../index/remote';
import { loginUrl } from '../login/redirect';
import { openPage } from '../login/navigate';
import { useUnreadCount } from '../messages/unread';
import './index.scss';

function subscriptionState(template: Subscriptions['templates'][number]): string {
  if (template.kind === 'long_term') return template.active ? '已开启' : '未开启';
  return template.remaining > 0 ? `还可接收 ${template.remaining} 次` : '未订阅';
}

/** 我的: who is signed in, their lists, 长辈模式 and signing out. */
export default function Me() {
  const [account, setAccount] = useState<Account | undefined>(currentAccount);
  const [elder, setElder] = useState(() => readPreferences().elder);
  const [confirmingLogout, setConfirmingLogout] = useState(false);
  const [subscriptions, setSubscriptions] = useState<Remote<Subscriptions>>(loading);
  const unread = useUnreadCount('me');

  useDidShow(() => {
    setElder(readPreferences().elder);
    setAccount(currentAccount());
    if (currentAccount()) {
      // The stored account may be stale (renamed, disabled): the server's word replaces it.
      refreshMe().then(setAccount, () => setAccount(currentAccount()));
      if (insideWeChat) void settle(getSubscriptions()).then(setSubscriptions);
    }
  });

  const changeElder = (on: boolean) => {
    savePreferences({ elder: on });
    setElder(on);
  };

  const signOut = () => {
    setConfirmingLogout(false);
    logout();
    live().reconnect();
    void Taro.reLaunch({ url: '/pages/index/index' });
  };

  const askForMessages = async (templateIds: string[]) => {
    try {
      setSubscriptions({ state: 'ready', value: await askForConsents(templateIds) });
    } catch {
      void Taro.showToast({ title: '未能开启通知，请稍后再试', icon: 'none' });
    }
  };

  return (
    // Remounted when 长辈模式 changes, so the shell applies it at once (it reads it as it mounts).
    <PageShell key={elder ? 'elder' : 'plain'} className='me'>
      <View className='me__account'>
        <View className='me__avatar' ariaLabel='头像'>
          <Text>{account ? account.name.slice(0, 1) : '访'}</Text>
        </View>
        <View className='me__who'>
          <Text className='me__name'>{account ? account.name : '未登录'}</Text>
          <Text className='me__role'>{account ? account.roleLabel : '登录后可反映问题、查看进度'}</Text>
        </View>
        {!account && (
          <Button type='primary' size='small' onClick={() => openPage(loginUrl('/pages/me/index'))}>
            登录
          </Button>
        )}
      </View>

      <View className='me__group'>
        {account && isStaff(account) && <LinkCell title='待办案件' extra='›' label='待办案件' onClick={() => openPage('/staff/inbox/index')} />}
        {account && canReviewRoster(account.role) && <LinkCell title='住户审核' extra='›' label='住户审核' onClick={() => openPage('/staff/roster/index')} />}
        {account && canDraftPolls(account.role) && <LinkCell title='议事管理' extra='›' label='议事管理' onClick={() => openPage('/staff/polls/index')} />}
        {account && canReadVisitRegister(account.role) && <LinkCell title='入户走访' extra='›' label='入户走访' onClick={() => openPage(VISIT_WORKLIST_PAGE)} />}
        {account && canReadStats(account.role) && <LinkCell title='统计分析' extra='›' label='统计分析' onClick={() => openPage(STATS_DASHBOARD_PAGE)} />}
        <LinkCell title='我的诉求' extra='›' label='我的诉求' onClick={() => openPage(account ? '/pages/mine/index' : loginUrl('/pages/mine/index'))} />
        <LinkCell title='消息' extra={unread ? `${unread}条未读 ›` : '›'} label={unread ? `消息，${unread}条未读` : '消息'} onClick={() => openPage('/pages/messages/index')} />
        <LinkCell title='全区数据' extra='›' label='全区数据' onClick={() => openPage(PUBLIC_FIGURES_PAGE)} />
      </View>

      <Text className='me__group-title'>设置</Text>
      <View className='me__group'>
        <Cell title='长辈模式' description='字更大、对比更强，首页只留常用功能' extra={<Switch checked={elder} onChange={changeElder} ariaLabel='长辈模式' />} />
      </View>

      {account && !isStaff(account) && (
        <>
          <Text className='me__group-title'>我的房屋与网格</Text>
          <View className='me__group'>
            <LinkCell title='我的房屋' extra='认证房屋、联系网格员 ›' label='我的房屋：认证房屋、联系网格员' onClick={() => openPage('/community/homes/index')} />
            <LinkCell title='小区议事' extra='›' label='小区议事' onClick={() => openPage('/community/polls/index')} />
          </View>
        </>
      )}

      {insideWeChat && account && (
        <>
          <Text className='me__group-title'>订阅消息</Text>
          <View className='me__group'>
            {subscriptions.state === 'loading' && <Cell title='正在加载…' />}
            {subscriptions.state === 'failed' && <Cell title='订阅状态暂时无法加载' description={subscriptions.message} />}
            {subscriptions.state === 'ready' &&
              subscriptions.value.templates.map((template) => <Cell key={template.templateId} title={template.title} extra={subscriptionState(template)} />)}
            {subscriptions.state === 'ready' && subscriptions.value.templates.length > 0 && (
              <LinkCell
                title='开启办理进度通知'
                extra='›'
                label='开启办理进度通知'
                onClick={() => void askForMessages(templatesAbout(subscriptions.value, 'case'))}
              />
            )}
          </View>
        </>
      )}

      {account && (
        <View className='me__logout'>
          <Button block size='large' onClick={() => setConfirmingLogout(true)}>
            退出登录
          </Button>
        </View>
      )}

      <Dialog visible={confirmingLogout} title='退出登录' content={logoutWarning(account)} confirmText='退出' cancelText='取消' onConfirm={signOut} onCancel={() => setConfirmingLogout(false)} onClose={() => setConfirmingLogout(false)} />
    </PageShell>
  );
}

/** What signing out leaves behind: unsent visit records stay on the phone, for this account only. */
function logoutWarning(account: Account | undefined): string {
  const unsent = account ? unsentVisitDraftCount(account.id) : 0;
  if (unsent === 0) return '退出后需重新登录才能查看你的诉求和消息。';
  return `本机还有 ${unsent} 条未发送的走访记录。退出后它们仍保存在本机，其他账号看不到；用本账号重新登录后可继续发送，或在走访页删除。`;
}

/** A settings row that opens something: NutUI's Cell keeps no aria props, so the row wraps it as one button. */
function LinkCell({ title, extra, label, onClick }: { title: string; extra: string; label: string; onClick: () => void }) {
  return (
    <View role='button' ariaLabel={label} onClick={onClick}>
      <Cell title={title} extra={extra} clickable />
    </View>
  );
}
