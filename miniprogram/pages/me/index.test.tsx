import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
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

  it('says before signing out that unsent visit records stay on the phone for this account', async () => {
    session.account = { id: 'g1', role: 'grid_member', roleLabel: '网格员', name: '吴新春', scope: { streetCode: 'ST01', gridCode: 'G0101' } };
    localStorage.clear();
    render(<Me />);
    fireEvent.click(screen.getByText('退出登录'));
    expect(await screen.findByText('退出后需重新登录才能查看你的诉求和消息。')).toBeTruthy();
    cleanup();
    const { keepVisitDraft } = await import('../../visits/draft-store');
    const { newVisitDraft } = await import('../../visits/visit-draft');
    const person = { id: 'vp_abcdefgh1234', category: { code: 'elderly_alone', name: '独居老人' }, compoundName: '万象公寓', name: '示****英', risk: 'red' } as unknown as Parameters<typeof newVisitDraft>[0];
    keepVisitDraft(newVisitDraft(person, 'g1', 'draft-me-0001', new Date('2026-11-28T02:00:00Z')));
    render(<Me />);
    fireEvent.click(screen.getByText('退出登录'));
    expect(await screen.findByText(/本机还有 1 条未发送的走访记录/)).toBeTruthy();
  });

  it('offers signing in to those who are not', () => {
    session.account = undefined;
    render(<Me />);
    expect(screen.getByText('未登录')).toBeTruthy();
    expect(screen.getByText('登录')).toBeTruthy();
    expect(screen.queryByText('退出登录')).toBeNull();
  });
});
