import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { setRouterParams } from '../../testing/taro';
import { summary } from '../../testing/case-fixtures';

const services = vi.hoisted(() => ({ listCases: vi.fn() }));
vi.mock('../../services/cases', () => ({ listCases: services.listCases }));
vi.mock('../../services/session', () => ({
  currentAccount: () => ({ id: 's1', role: 'street_dispatcher', roleLabel: '街镇中心调度员', name: '包公街道调度员', scope: { streetCode: 'ST01' } }),
  isStaff: () => true,
}));
vi.mock('../../services/live', () => ({ live: () => ({ watchList: () => () => undefined }) }));

const { default: StaffInbox } = await import('./index');

describe('待办', () => {
  beforeEach(() => {
    services.listCases.mockReset().mockResolvedValue({ items: [summary({ id: 'c1', title: '超时的一件', overdue: true })], nextCursor: null });
  });

  it('opens on every case of the scope', async () => {
    setRouterParams({});
    render(<StaffInbox />);
    await screen.findByText('超时的一件');
    expect(services.listCases).toHaveBeenLastCalledWith({ view: 'inbox', limit: 20 });
  });

  it('opens on the overdue cases when the home page asks for them (?tab=overdue)', async () => {
    setRouterParams({ tab: 'overdue' });
    render(<StaffInbox />);
    await screen.findByText('超时的一件');
    expect(services.listCases).toHaveBeenLastCalledWith({ view: 'inbox', limit: 20, overdue: 'true' });
  });

  it('ignores a tab it does not know', async () => {
    setRouterParams({ tab: 'everything' });
    render(<StaffInbox />);
    await screen.findByText('超时的一件');
    expect(services.listCases).toHaveBeenLastCalledWith({ view: 'inbox', limit: 20 });
  });
});
