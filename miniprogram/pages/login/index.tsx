import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button, Input } from '@nutui/nutui-react-taro';
import { PageShell } from '../../components/page-shell';
import { ApiError, messageOf } from '../../services/http';
import { live } from '../../services/live';
import { devLogin, insideWeChat, login, wechatLogin, type Session } from '../../services/session';
import { go } from './navigate';
import { afterLogin } from './redirect';
import './index.scss';

/** The seeded demo accounts (server/seed/district.ts), one per kind of user, for trying the app. */
export const demoAccounts = [
  { username: 'resident01', label: '居民' },
  { username: 'member0101', label: '网格员' },
  { username: 'grid0101', label: '网格长' },
  { username: 'pm01', label: '物业' },
  { username: 'community01', label: '社区居委会' },
  { username: 'urban01', label: '职能部门' },
  { username: 'street01', label: '街镇调度员' },
  { username: 'district', label: '区中心调度员' },
] as const;

type Busy = 'wechat' | 'password' | 'demo' | null;

/** 登录: WeChat inside the mini-program; account and password (and demo accounts outside production) on H5. */
export default function Login() {
  const { params } = useRouter();
  const redirect = params.redirect;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [demoName, setDemoName] = useState('');
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [demoError, setDemoError] = useState<string | null>(null);
  // Set once the server refused demo sign-in altogether (production): the section goes away.
  const [demoClosed, setDemoClosed] = useState<string | null>(null);

  const signIn = async (kind: Exclude<Busy, null>, attempt: () => Promise<Session>, onError: (message: string, error: unknown) => void) => {
    if (busy) return;
    setBusy(kind);
    setError(null);
    setDemoError(null);
    try {
      await attempt();
      // The live connection was opened as nobody (or as someone else): it signs in afresh.
      live().reconnect();
      go(afterLogin(redirect));
    } catch (caught) {
      onError(messageOf(caught), caught);
    } finally {
      setBusy(null);
    }
  };

  const submitPassword = () => {
    if (!username.trim() || !password) {
      setError(!username.trim() ? '请输入账号' : '请输入密码');
      return;
    }
    void signIn('password', () => login(username.trim(), password), setError);
  };

  const submitDemo = (name: string) => {
    if (!name.trim()) {
      setDemoError('请输入演示账号名');
      return;
    }
    void signIn('demo', () => devLogin(name.trim()), (message, caught) => {
      if (caught instanceof ApiError && caught.status === 404) setDemoClosed(message);
      else setDemoError(message);
    });
  };

  return (
    <PageShell className='login'>
      <View className='login__head'>
        <Text className='login__title'>登录共治包河</Text>
        <Text className='login__intro'>登录后可反映问题、查看办理进度和接收通知</Text>
      </View>

      {insideWeChat ? (
        <View className='login__card'>
          <Button type='primary' size='xlarge' block loading={busy === 'wechat'} onClick={() => void signIn('wechat', () => wechatLogin(), setError)}>
            微信一键登录
          </Button>
          <Text className='login__note'>使用微信身份登录，不会获取你的手机号</Text>
          {error && (
            <View className='login__error' role='alert'>
              {error}
            </View>
          )}
        </View>
      ) : (
        <>
          <View className='login__card' role='form' ariaLabel='工作人员账号登录'>
            <Text className='login__card-title'>工作人员登录</Text>
            <View className='login__field'>
              <Text className='login__label'>账号</Text>
              <Input className='login__input' name='username' placeholder='请输入账号' value={username} onChange={setUsername} ariaLabel='账号' maxLength={40} />
            </View>
            <View className='login__field'>
              <Text className='login__label'>密码</Text>
              <Input className='login__input' name='password' type='password' placeholder='请输入密码' value={password} onChange={setPassword} ariaLabel='密码' maxLength={100} onConfirm={submitPassword} />
            </View>
            {error && (
              <View className='login__error' role='alert'>
                {error}
              </View>
            )}
            <Button type='primary' size='large' block loading={busy === 'password'} onClick={submitPassword}>
              登录
            </Button>
          </View>

          {demoClosed ? (
            <Text className='login__note login__note--center'>演示账号登录未开放：{demoClosed}</Text>
          ) : (
            <View className='login__card' role='form' ariaLabel='演示账号免密登录'>
              <Text className='login__card-title'>演示账号（仅测试环境）</Text>
              <Text className='login__note'>居民在微信小程序中用微信登录；网页版可用演示账号体验各个角色。</Text>
              <View className='demo'>
                {demoAccounts.map((account) => (
                  <View key={account.username} className='demo__item' role='button' ariaLabel={`以${account.label} ${account.username} 登录`} hoverClass='demo__item--pressed' onClick={() => submitDemo(account.username)}>
                    <Text className='demo__label'>{account.label}</Text>
                    <Text className='demo__name'>{account.username}</Text>
                  </View>
                ))}
              </View>
              <View className='login__field'>
                <Text className='login__label'>账号名</Text>
                <Input className='login__input' name='demo' placeholder='其他演示账号，如 resident02' value={demoName} onChange={setDemoName} ariaLabel='演示账号名' maxLength={40} onConfirm={() => submitDemo(demoName)} />
              </View>
              {demoError && (
                <View className='login__error' role='alert'>
                  {demoError}
                </View>
              )}
              <Button type='default' size='large' block loading={busy === 'demo'} onClick={() => submitDemo(demoName)}>
                免密登录
              </Button>
            </View>
          )}
        </>
      )}
    </PageShell>
  );
}
