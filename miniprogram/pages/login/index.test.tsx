import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { setRouterParams } from '../../testing/taro';

const session = vi.hoisted(() => ({ login: vi.fn(), devLogin: vi.fn(), wechatLogin: vi.fn() }));
vi.mock('../../services/session', async (original) => ({ ...(await original<typeof import('../../services/session')>()), ...session }));
vi.mock('../../services/live', () => ({ live: () => ({ reconnect: () => undefined }) }));

const { default: Login } = await import('./index');
const { ApiError } = await import('../../services/http');

const account = { id: 'a', role: 'street_dispatcher', roleLabel: '街镇中心调度员', name: '调度员', scope: { streetCode: 'ST01' } };

function typeInto(placeholder: string, value: string) {
  const input = screen.getByPlaceholderText(placeholder);
  fireEvent.input(input, { target: { value } });
}

beforeEach(() => {
  vi.restoreAllMocks();
  session.login.mockReset();
  session.devLogin.mockReset();
});

describe('login page', () => {
  it('signs in with account and password, then goes back where it was asked from', async () => {
    setRouterParams({ redirect: encodeURIComponent('/pages/case/index?id=abc12345') });
    const redirectTo = vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as never);
    session.login.mockResolvedValue({ token: 't', expiresIn: 3600, account });
    render(<Login />);
    typeInto('请输入账号', 'street01');
    typeInto('请输入密码', 'baohe2026');
    fireEvent.click(screen.getByText('登录'));
    await waitFor(() => expect(session.login).toHaveBeenCalledWith('street01', 'baohe2026'));
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/pages/case/index?id=abc12345' }));
  });

  it('shows the server’s message on failure and keeps what was typed', async () => {
    setRouterParams({});
    session.login.mockRejectedValue(new ApiError('auth.bad_credentials', '用户名或密码错误', 401));
    render(<Login />);
    typeInto('请输入账号', 'street01');
    typeInto('请输入密码', 'wrong');
    fireEvent.click(screen.getByText('登录'));
    expect(await screen.findByText('用户名或密码错误')).toBeTruthy();
    expect((screen.getByPlaceholderText('请输入账号') as HTMLInputElement).value).toBe('street01');
  });

  it('signs in a demo account with one tap and relaunches home', async () => {
    setRouterParams({});
    const reLaunch = vi.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'ok' } as never);
    session.devLogin.mockResolvedValue({ token: 't', expiresIn: 3600, account: { ...account, role: 'resident' } });
    render(<Login />);
    fireEvent.click(screen.getByText('resident01'));
    await waitFor(() => expect(session.devLogin).toHaveBeenCalledWith('resident01'));
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' }));
  });

  it('hides demo sign-in when the server refuses it, saying why', async () => {
    setRouterParams({});
    session.devLogin.mockRejectedValue(new ApiError('route.not_found', '请求的接口不存在', 404));
    render(<Login />);
    fireEvent.click(screen.getByText('resident01'));
    expect(await screen.findByText('演示账号登录未开放：请求的接口不存在')).toBeTruthy();
    expect(screen.queryByText('resident01')).toBeNull();
  });
});
