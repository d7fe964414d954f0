import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../services/http';
import { setRouterParams } from '../../testing/taro';
import { fullDetail, step } from '../../testing/case-fixtures';

const services = vi.hoisted(() => ({
  getCase: vi.fn(),
  actOnCase: vi.fn(),
  followCase: vi.fn(),
  handlers: [] as ((update: unknown) => void)[],
}));

vi.mock('../../services/cases', () => ({ getCase: services.getCase, actOnCase: services.actOnCase, followCase: services.followCase }));
vi.mock('../../services/session', () => ({ currentAccount: () => ({ id: 'a1', role: 'resident', roleLabel: '居民', name: '高海文', scope: {} }) }));
vi.mock('../../services/live', () => ({
  live: () => ({
    watchCase: (_id: string, _caseId: string, _after: number, handler: (update: unknown) => void) => {
      services.handlers.push(handler);
      return () => undefined;
    },
  }),
}));

const { default: CaseDetailPage } = await import('./index');

describe('the case page', () => {
  beforeEach(() => {
    services.getCase.mockReset();
    services.actOnCase.mockReset();
    services.handlers.length = 0;
    setRouterParams({ id: 'case-0001' });
  });

  it('appends a live step once, however often it arrives', async () => {
    services.getCase.mockResolvedValue(fullDetail({ timeline: [step(1, '上报')] }));
    render(<CaseDetailPage />);
    await screen.findByText('上报');
    await waitFor(() => expect(services.handlers).toHaveLength(1));
    const update = { entries: [step(2, '受理')], status: 'accepted', statusLabel: '已受理', version: 3, view: 'full' };
    services.handlers[0](update);
    services.handlers[0](update);
    await screen.findByText('受理');
    expect(screen.getAllByText('受理')).toHaveLength(1);
    expect(screen.getByText('已受理')).toBeTruthy();
    // Same version as shown: nothing else to read.
    expect(services.getCase).toHaveBeenCalledTimes(1);
  });

  it('reads the case again on a version conflict and says why', async () => {
    const closed = { status: 'closed' as const, statusLabel: '已结案', statusGroup: 'closed' as const, allowedEvents: [{ type: 'rate' as const, label: '评价' }] };
    services.getCase.mockResolvedValue(fullDetail(closed));
    services.actOnCase.mockRejectedValue(new ApiError('case.version_conflict', '案件已被他人更新，请刷新后重试', 409));
    render(<CaseDetailPage />);
    await screen.findByText('评价办理结果');
    fireEvent.click(screen.getByText('已解决'));
    const stars = document.querySelectorAll('.nut-rate-item');
    fireEvent.click(stars[4]);
    fireEvent.click(screen.getByText('提交评价'));
    await waitFor(() => expect(services.actOnCase).toHaveBeenCalledWith('case-0001', 'rate', { resolved: 'yes', satisfaction: 5 }, 3));
    await waitFor(() => expect(services.getCase).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('案件已被他人更新，请确认后重试')).toBeTruthy();
  });
});
