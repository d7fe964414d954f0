import { describe, expect, it } from 'vitest';
import { afterLogin, loginUrl } from './redirect';

describe('after login', () => {
  it('goes back to the page that asked, query and all', () => {
    expect(afterLogin('/pages/case/index?id=abc123')).toEqual({ how: 'redirectTo', url: '/pages/case/index?id=abc123' });
    expect(afterLogin(encodeURIComponent('/pages/report/index'))).toEqual({ how: 'redirectTo', url: '/pages/report/index' });
    expect(afterLogin('/staff/inbox/index')).toEqual({ how: 'redirectTo', url: '/staff/inbox/index' });
  });

  it('switches to a tab page and relaunches home', () => {
    expect(afterLogin('/pages/messages/index')).toEqual({ how: 'switchTab', url: '/pages/messages/index' });
    expect(afterLogin('/pages/index/index')).toEqual({ how: 'reLaunch', url: '/pages/index/index' });
  });

  it('never leaves the app nor loops back to login', () => {
    expect(afterLogin('https://evil.example/pages/x/index')).toEqual({ how: 'reLaunch', url: '/pages/index/index' });
    expect(afterLogin('/pages/login/index?redirect=x')).toEqual({ how: 'reLaunch', url: '/pages/index/index' });
    expect(afterLogin(undefined)).toEqual({ how: 'reLaunch', url: '/pages/index/index' });
  });

  it('a login link carries its target encoded', () => {
    expect(loginUrl('/pages/case/index?id=a')).toBe('/pages/login/index?redirect=%2Fpages%2Fcase%2Findex%3Fid%3Da');
    expect(afterLogin(loginUrl('/pages/case/index?id=a').split('redirect=')[1])).toEqual({ how: 'redirectTo', url: '/pages/case/index?id=a' });
  });
});
