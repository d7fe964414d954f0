import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me as Account } from '../../services/session';

const session = vi.hoisted(() => ({ account: undefined as Account | undefined }));
vi.mock('../../services/session', async (original) => ({
  ...(await original<typeof import('../../services/session')>()),
  currentAccount: () => session.account,
  refreshMe: () => Promise.resolve(session.account),
}));
vi.mock('../../services/live', () => ({ live: () => ({ watchMessages: () => () => undefined, reconnect: () => undefined }) }));

const { default: Me } = await import('./index');
const { readPreferences } = await import('../../services/preferences');

beforeEach(() => {
  session.account = { id: 'r1', role: 'resident', roleLabel: '居民', name: '高海文', scope: {} };
});

describe('me page', () => {
  it('shows who is signed in, and the way to her homes and grid team', () => {
    render(<Me />);
    expect(screen.getByText('高海文')).toBeTruthy();
    expect(screen.getByText('居民')).toBeTruthy();
    expect(screen.getByText('我的房屋')).toBeTruthy();
    expect(screen.getByText('认证房屋、联系网格员 ›')).toBeTruthy();
    expect(screen.getByText('退出登录')).toBeTruthy();
  });

  it('keeps 长辈模式 when switched on, and applies it to the page at once', async () => {
    const { container } = render(<Me />);
    expect(readPreferences().elder).toBe(false);
    fireEvent.click(container.querySelector('.nut-switch')!);
    await waitFor(() => expect(readPreferences().elder).toBe(true));
    await waitFor(() => expect(container.querySelector('.shell')?.classList.contains('shell--elder')).toBe(true));
    fireEvent.click(container.querySelector('.nut-switch')!);
    await waitFor(() => expect(readPreferences().elder).toBe(false));
  });

  it('offers signing in to those who are not', () => {
    session.account = undefined;
    render(<Me />);
    expect(screen.getByText('未登录')).toBeTruthy();
    expect(screen.getByText('登录')).toBeTruthy();
    expect(screen.queryByText('退出登录')).toBeNull();
  });
});
