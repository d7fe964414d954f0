import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { firePageEvent } from '../../testing/taro';
import { summary } from '../../testing/case-fixtures';

const services = vi.hoisted(() => ({ listCases: vi.fn(), account: undefined as unknown, listHandlers: [] as ((update: unknown) => void)[] }));
vi.mock('../../services/cases', () => ({ listCases: services.listCases }));
vi.mock('../../services/session', () => ({ currentAccount: () => services.account }));
vi.mock('../../services/live', () => ({
  live: () => ({
    watchList: (_id: string, _topic: string, _held: unknown, handler: (update: unknown) => void) => {
      services.listHandlers.push(handler);
      return () => undefined;
    },
  }),
}));

const { default: MyCasesPage } = await import('./index');

describe('我的诉求', () => {
  beforeEach(() => {
    services.listCases.mockReset();
    services.listHandlers.length = 0;
    services.account = { id: 'a1', role: 'resident', roleLabel: '居民', name: '高海文', scope: {} };
  });

  it('pages with the cursor the server gave, and shows a live change without reloading', async () => {
    services.listCases
      .mockResolvedValueOnce({ items: [summary({ id: 'c1', title: '第一件' })], nextCursor: 'next-1' })
      .mockResolvedValueOnce({ items: [summary({ id: 'c2', title: '第二件', followed: true })], nextCursor: null });
    render(<MyCasesPage />);
    await screen.findByText('第一件');
    expect(services.listCases).toHaveBeenLastCalledWith({ view: 'mine', limit: 20 });
    await firePageEvent('reachBottom');
    await screen.findByText('第二件');
    expect(services.listCases).toHaveBeenLastCalledWith({ view: 'mine', limit: 20, cursor: 'next-1' });
    expect(screen.getByText('我关注的')).toBeTruthy();
    expect(screen.getByText('没有更多了')).toBeTruthy();

    services.listHandlers[0]({ type: 'summary', caseId: 'c1', summary: summary({ id: 'c1', title: '第一件', status: 'in_progress', statusLabel: '处置中' }) });
    await screen.findByText('处置中');
    expect(services.listCases).toHaveBeenCalledTimes(2);
  });

  it('offers 我要反映 when there is nothing yet', async () => {
    services.listCases.mockResolvedValue({ items: [], nextCursor: null });
    render(<MyCasesPage />);
    expect(await screen.findByText('我要反映')).toBeTruthy();
  });

  it('asks a visitor to sign in instead of loading', async () => {
    services.account = undefined;
    render(<MyCasesPage />);
    expect(screen.getByText('去登录')).toBeTruthy();
    await waitFor(() => expect(services.listCases).not.toHaveBeenCalled());
  });
});
