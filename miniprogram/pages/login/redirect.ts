/**
 * Where sign-in sends people and where it sends them back. Pages that need a signed-in user open
 * `loginUrl(theirOwnPath)`; after signing in the login page goes there (or home).
 */
export const tabPages = ['/pages/index/index', '/pages/public/index', '/pages/messages/index', '/pages/me/index'] as const;
export const HOME = '/pages/index/index';
const LOGIN = '/pages/login/index';

export function loginUrl(redirect?: string): string {
  return redirect ? `${LOGIN}?redirect=${encodeURIComponent(redirect)}` : LOGIN;
}

/** The router may hand the parameter over still encoded (weapp) or decoded (H5): accept both. */
function decoded(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export type Navigation = { how: 'switchTab' | 'redirectTo' | 'reLaunch'; url: string };

/**
 * How to leave the login page for `redirect`: only a page of this app is a target (never another
 * site, never the login page again); a tab page must be switched to, and takes no query.
 */
export function afterLogin(redirect: string | undefined): Navigation {
  const target = redirect ? decoded(redirect) : '';
  if (!/^\/(pages|staff)\/[a-z-]+\/index(\?.*)?$/.test(target) || target.startsWith(LOGIN)) return { how: 'reLaunch', url: HOME };
  const path = target.split('?')[0];
  // Home re-reads who is signed in only when it loads: it is launched afresh.
  if (path === HOME) return { how: 'reLaunch', url: HOME };
  if ((tabPages as readonly string[]).includes(path)) return { how: 'switchTab', url: path };
  return { how: 'redirectTo', url: target };
}
