import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { summary } from '../../testing/case-fixtures';
import { pollSummary } from '../../testing/poll-fixtures';
import type { Me } from '../../services/session';

const cases = vi.hoisted(() => ({ listCases: vi.fn() }));
const session = vi.hoisted(() => ({ account: undefined as Me | undefined }));

vi.mock('../../services/cases', () => cases);
vi.mock('../../services/health', () => ({ getHealth: () => Promise.resolve({ status: 'ok' }), isHealthy: () => true }));
const stats = vi.hoisted(() => ({ getPublicStats: vi.fn() }));
vi.mock('../../services/stats', () => stats);
vi.mock('../../services/places', () => ({
  getCompound: () => Promise.resolve({ code: 'C001', streetCode: 'ST01' }),
  listStreets: () => Promise.resolve({ items: [{ code: 'ST01', name: '包公街道' }], nextCursor: null }),
}));
const community = vi.hoisted(() => ({ listPolls: vi.fn(), myMemberships: vi.fn(), myGrids: vi.fn() }));
vi.mock('../../services/polls', () => ({ listPolls: community.listPolls }));
vi.mock('../../services/membership', () => ({ myMemberships: community.myMemberships, myGrids: community.myGrids }));
vi.mock('../../services/live', () => ({ live: () => ({ watchMessages: () => () => undefined }) }));
vi.mock('../../services/session', async (original) => ({
  ...(await original<typeof import('../../services/session')>()),
  currentAccount: () => session.account,
}));

const { default: Index } = await import('./index');
const { savePreferences } = await import('../../services/preferences');


const resident: Me = { id: 'r1', role: 'resident', roleLabel: '居民', name: '高海文', scope: { compoundCodes: ['C001'] } };
const member: Me = { id: 'g1', role: 'grid_member', roleLabel: '网格员', name: '吴新春', scope: { streetCode: 'ST01', gridCode: 'ST01-G01' } };

beforeEach(() => {
  community.listPolls.mockReset().mockResolvedValue({ items: [], nextCursor: null });
  community.myMemberships.mockReset().mockResolvedValue({ items: [] });
  community.myGrids.mockReset().mockResolvedValue({ items: [] });
  cases.listCases.mockReset();
  stats.getPublicStats.mockReset().mockRejectedValue(new Error('not yet'));
  session.account = undefined;
});

describe('home page', () => {
  it("shows this month's public figures from the statistics (filed, closed, on-time rate)", async () => {
    cases.listCases.mockResolvedValue({ items: [], nextCursor: null });
    const totals = (filed: number, closed: number, onTimeRate: number | null) => ({ filed, closed, closedOnTime: closed, onTimeRate, satisfactionAverage: null, ratings: 0 });
    stats.getPublicStats.mockResolvedValue({
      generatedAt: '2026-11-28T05:00:00.000Z',
      countedUntil: '2026-11-28T05:00:00.000Z',
      periods: [
        { key: 'week', label: '本周', from: '2026-11-23', to: '2026-11-28', totals: totals(12, 9, 0.5), byCategory: [], byStreet: [] },
        { key: 'month', label: '本月', from: '2026-11-01', to: '2026-11-28', totals: totals(853, 812, 0.9612), byCategory: [], byStreet: [] },
      ],
    });
    render(<Index />);
    expect(await screen.findByText('853')).toBeTruthy();
    expect(screen.getByText('812')).toBeTruthy();
    expect(screen.getByText('本月上报')).toBeTruthy();
  });

  it('shows a resident her open cases and her street’s public cases, and no staff work', async () => {
    session.account = resident;
    cases.listCases.mockImplementation((query: { view: string }) =>
      Promise.resolve({ items: query.view === 'mine' ? [summary({ id: 'a', title: '电梯下坠' })] : [summary({ id: 'b', title: '路灯不亮' })], nextCursor: null }),
    );
    render(<Index />);
    expect(screen.getByText('我要反映')).toBeTruthy();
    expect(await screen.findByText('电梯下坠')).toBeTruthy();
    expect(await screen.findByText('包公街道的公开案件')).toBeTruthy();
    expect(cases.listCases).toHaveBeenCalledWith({ view: 'mine', group: 'open', limit: 3 });
    expect(cases.listCases).toHaveBeenCalledWith({ view: 'public', limit: 5, streetCode: 'ST01' });
    expect(screen.queryByText('待办')).toBeNull();
    expect(cases.listCases.mock.calls.some(([query]) => query.view === 'inbox')).toBe(false);
  });

  it('shows a resident her compound’s open polls and her grid’s team to call', async () => {
    session.account = resident;
    cases.listCases.mockResolvedValue({ items: [], nextCursor: null });
    community.listPolls.mockResolvedValue({ items: [pollSummary({ title: '是否建电动车棚' })], nextCursor: null });
    community.myMemberships.mockResolvedValue({ items: [{ status: 'verified' }] });
    community.myGrids.mockResolvedValue({
      items: [{ grid: { code: 'G1', name: '滨湖一网格' }, street: { code: 'ST01', name: '包公街道' }, compounds: [], team: { leader: { name: '李网长', phone: '13900000001' }, members: [], volunteers: [] } }],
    });
    render(<Index />);
    expect(await screen.findByText('是否建电动车棚')).toBeTruthy();
    expect(community.listPolls).toHaveBeenCalledWith({ view: 'mine', phase: 'voting', limit: 3 });
    expect(await screen.findByText('滨湖一网格')).toBeTruthy();
    expect(screen.getByText('李网长')).toBeTruthy();
  });

  it('tells a resident without a verified home why there are no polls, and where to claim one', async () => {
    session.account = resident;
    cases.listCases.mockResolvedValue({ items: [], nextCursor: null });
    render(<Index />);
    expect(await screen.findByText('认证房屋后，可参与本小区的议事投票')).toBeTruthy();
  });

  it('shows staff their to-do and overdue counts, "20+" when more pages follow, and patrol for grid members', async () => {
    session.account = member;
    cases.listCases.mockImplementation((query: { view: string; overdue?: string }) => {
      if (query.view === 'inbox' && query.overdue) return Promise.resolve({ items: [summary({ id: 'c', title: '超时一件' })], nextCursor: null });
      if (query.view === 'inbox') return Promise.resolve({ items: Array.from({ length: 20 }, (_, i) => summary({ id: `i${i}`, title: `待办${i}` })), nextCursor: 'next' });
      return Promise.resolve({ items: [], nextCursor: null });
    });
    render(<Index />);
    expect(await screen.findByText('20+')).toBeTruthy();
    expect(screen.getByText('1')).toBeTruthy();
    expect(screen.getByText('巡查上报')).toBeTruthy();
    expect(screen.getByText(/网格员 · 包公街道/)).toBeTruthy();
    expect(screen.queryByText('我要反映')).toBeNull();
    expect(cases.listCases).toHaveBeenCalledWith({ view: 'inbox', overdue: 'true', limit: 20 });
    expect(cases.listCases.mock.calls.some(([query]) => query.view === 'mine')).toBe(false);
  });

  it('asks signed-out visitors to sign in and lists the latest public cases district-wide', async () => {
    cases.listCases.mockResolvedValue({ items: [summary({ id: 'd', title: '井盖缺失' })], nextCursor: null });
    render(<Index />);
    expect(await screen.findByText('井盖缺失')).toBeTruthy();
    expect(screen.getByText('登录后可查看你反映的问题和办理进度')).toBeTruthy();
    expect(cases.listCases).toHaveBeenCalledWith({ view: 'public', limit: 5 });
    expect(cases.listCases).toHaveBeenCalledTimes(1);
  });

  it('gives 长辈模式 four big buttons (小区议事 among them) and the open cases, nothing else', async () => {
    session.account = resident;
    savePreferences({ elder: true });
    cases.listCases.mockResolvedValue({ items: [summary({ id: 'e', title: '楼道堆物' })], nextCursor: null });
    render(<Index />);
    expect(await screen.findByText('楼道堆物')).toBeTruthy();
    // Taro's H5 build writes ariaLabel as aria-label; its React components in jsdom do not, so buttons are found by their text.
    const buttons = ['我要反映', '我的诉求', '小区议事', '消息'].map((label) => screen.getByText(label).closest('[role=button]'));
    expect(buttons.every((button) => button?.classList.contains('big-button'))).toBe(true);
    await waitFor(() => expect(screen.queryByText('我的网格')).toBeNull());
    expect(screen.queryByText(/公开案件/)).toBeNull();
    expect(screen.queryByText('全区数据')).toBeNull();
  });
});
