import Taro from '@tarojs/taro';
import type { Me, Session } from '../../shared/api/auth';
import type { Role } from '../../shared/domain/roles';
import { clearToken, readToken, request, saveToken } from './http';

export type { Me, Session } from '../../shared/api/auth';

/**
 * Who is signed in. The account is kept beside the token so a page can choose what to show
 * without a round trip; `refreshMe` asks the server again (a disabled account or an expired token
 * signs the app out).
 */
const ACCOUNT_STORAGE_KEY = 'gongzhi.account';

/** Roles that handle cases (the staff subpackage); residents file and follow. */
const staffRoles: readonly Role[] = ['grid_member', 'grid_leader', 'community', 'property_manager', 'department', 'street_dispatcher', 'district_dispatcher', 'admin'];

export function isStaff(account: Pick<Me, 'role'> | undefined): boolean {
  return account !== undefined && (staffRoles as readonly string[]).includes(account.role);
}

export function currentAccount(): Me | undefined {
  if (readToken() === undefined) return undefined;
  try {
    const stored: unknown = Taro.getStorageSync(ACCOUNT_STORAGE_KEY);
    return typeof stored === 'object' && stored !== null && 'id' in stored ? (stored as Me) : undefined;
  } catch {
    return undefined;
  }
}

function keep(session: Session): Session {
  saveToken(session.token);
  Taro.setStorageSync(ACCOUNT_STORAGE_KEY, session.account);
  return session;
}

/** Staff sign-in by account name and password. */
export async function login(username: string, password: string): Promise<Session> {
  return keep(await request<Session>('POST', '/api/v1/auth/login', { username, password }));
}

/** Demo accounts without a password: the server answers only outside production. */
export async function devLogin(username: string): Promise<Session> {
  return keep(await request<Session>('POST', '/api/v1/auth/dev-login', { username }));
}

/** Inside WeChat: `Taro.login` gives a one-time code the server exchanges for the openid. */
export async function wechatLogin(displayName?: string): Promise<Session> {
  const { code } = await Taro.login();
  return keep(await request<Session>('POST', '/api/v1/auth/wechat', { code, ...(displayName ? { displayName } : {}) }));
}

export async function refreshMe(): Promise<Me | undefined> {
  if (readToken() === undefined) return undefined;
  try {
    const me = await request<Me>('GET', '/api/v1/auth/me');
    Taro.setStorageSync(ACCOUNT_STORAGE_KEY, me);
    return me;
  } catch (error) {
    if ((error as { status?: number }).status === 401) logout();
    throw error;
  }
}

export function logout(): void {
  clearToken();
  Taro.removeStorageSync(ACCOUNT_STORAGE_KEY);
}

/** Whether the app runs inside WeChat (the mini-program), where WeChat login is the way in. */
export const insideWeChat = process.env.TARO_ENV === 'weapp';
