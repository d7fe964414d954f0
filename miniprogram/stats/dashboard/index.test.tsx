import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Me as Account } from '../../services/session';
import type { Dashboard, DashboardQuery } from '../../services/stats';
import { buildDashboard } from '../testing/dashboard-factory';

const session = vi.hoisted(() => ({ account: undefined as Account | undefined }));
vi.mock('../../services/session', async (original) => ({
  ...(await original<typeof import('../../services/session')>()),
  currentAccount: () => session.account,
}));

const stats = vi.hoisted(() => ({
  answer: undefined as unknown as (query: DashboardQuery) => Promise<Dashboard>,
  getDashboard: vi.fn(),
  saveStatsExport: vi.fn(),
}));
vi.mock('../../services/stats', async (original) => ({
  ...(await original<typeof import('../../services/stats')>()),
  getDashboard: stats.getDashboard,
  saveStatsExport: stats.saveStatsExport,
}));
// ECharts needs a real canvas: the chart shows its label, and its numbers are in the tables under test.
vi.mock('../components/stats-chart', () => ({ StatsChart: ({ label }: { label: string }) => <div data-testid='chart'>{label}</div> }));

const { default: StatsDashboard } = await import('./index');
const { ApiError } = await import('../../services/http');

const district: Account = { id: 'd1', role: 'district_dispatcher', roleLabel: '区中心调度员', name: '区中心', scope: {} };

/** Taro's H5 build writes ariaLabel as aria-label; its React components in jsdom keep it as `arialabel`. */
function labelled(role: string, name: string | RegExp): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>(`[role="${role}"]`)].filter((element) => {
    const label = element.getAttribute('arialabel') ?? '';
    return typeof name === 'string' ? label === name : name.test(label);
  });
  if (found.length !== 1) throw new Error(`${found.length} elements of role ${role} labelled ${String(name)}`);
  return found[0];
}

beforeEach(() => {
  session.account = district;
  stats.getDashboard.mockReset().mockImplementation(() => Promise.resolve(buildDashboard()));
  stats.saveStatsExport.mockReset().mockResolvedValue(undefined);
});

const lastQuery = () => stats.getDashboard.mock.calls.at(-1)![0] as DashboardQuery;

describe('statistics dashboard', () => {
  it('asks for this month and shows the totals with their change from last period in words', async () => {
    render(<StatsDashboard />);
    await screen.findByText('包河区 · 统计分析');
    expect(lastQuery()).toMatchObject({ to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), from: expect.stringMatching(/-01$/) });
    const filed = labelled('listitem', /^上报 1,200/);
    expect(within(filed).getByText('↑ 较上期增加 200 件（+20.0%）')).toBeTruthy();
    expect(labelled('listitem', '超时 55，较上期减少 25 件（−31.3%）')).toBeTruthy();
    expect(screen.getByText('对比上期 2026-10-04 至 2026-10-31', { exact: false })).toBeTruthy();
  });

  it('changes the period with a preset', async () => {
    render(<StatsDashboard />);
    await screen.findByText('包河区 · 统计分析');
    fireEvent.click(screen.getByRole('radio', { name: '上月' }));
    await waitFor(() => expect(stats.getDashboard).toHaveBeenCalledTimes(2));
    const { from, to } = lastQuery();
    expect(from.endsWith('-01')).toBe(true);
    expect(new Date(`${to}T00:00:00Z`).getUTCDate()).toBeGreaterThanOrEqual(28);
    expect(to < new Date().toISOString().slice(0, 7)).toBe(true);
    expect(screen.getByRole('radio', { name: '上月' }).getAttribute('aria-checked')).toBe('true');
  });

  it('narrows to a street with the filters the server offered', async () => {
    render(<StatsDashboard />);
    await screen.findByText('包河区 · 统计分析');
    fireEvent.click(screen.getByRole('radio', { name: '方兴社区' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ streetCode: 'ST02' }));
    fireEvent.click(screen.getByRole('radio', { name: '市容环境' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ streetCode: 'ST02', categoryCode: 'C01' }));
  });

  it('shows a chart’s numbers as a table one tap away', async () => {
    render(<StatsDashboard />);
    await screen.findByText('包河区 · 统计分析');
    expect(document.querySelector('[role="table"][arialabel="按街镇"]')).toBeNull();
    fireEvent.click(labelled('button', '查看按街镇的数据'));
    const table = labelled('table', '按街镇');
    const rows = within(table).getAllByRole('row');
    expect(within(rows[0]).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['街镇', '上报', '结案', '按时结案率', '超时', '满意度']);
    expect(within(rows[1]).getByRole('rowheader').textContent).toBe('滨湖世纪社区');
    expect(labelled('button', '收起按街镇的数据').getAttribute('aria-expanded')).toBe('true');
  });

  it('shows the units league table with its ranks, and exports it as Excel with the same filter', async () => {
    render(<StatsDashboard />);
    await screen.findByText('包河区 · 统计分析');
    const league = labelled('table', '单位考核排行');
    const firstUnit = within(league).getAllByRole('row')[1];
    expect(within(firstUnit).getByRole('rowheader').textContent).toBe('区城管局');
    expect(within(firstUnit).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['1', '98.0%', '4.8 分', '400', '3', '5', '1', '2', '18.0 小时']);
    fireEvent.click(within(league.closest<HTMLElement>('.chart-card')!).getByText('导出Excel'));
    await waitFor(() => expect(stats.saveStatsExport).toHaveBeenCalledWith(lastQuery(), 'units', 'xlsx'));
  });

  it('leaves out the tables the scope does not have', async () => {
    stats.getDashboard.mockImplementation(() => Promise.resolve(buildDashboard({ scope: { kind: 'grid', name: '滨湖世纪第一网格' }, streets: undefined, grids: undefined, units: undefined, filters: { streets: [], categories: [] } })));
    render(<StatsDashboard />);
    await screen.findByText('滨湖世纪第一网格 · 统计分析');
    expect(screen.queryByText('按街镇')).toBeNull();
    expect(screen.queryByText('单位考核排行')).toBeNull();
    expect(document.querySelector('[role="radiogroup"][arialabel="街镇"]')).toBeNull();
    expect(screen.getByText('按问题大类')).toBeTruthy();
  });

  it('says why the figures cannot be shown when the server refuses', async () => {
    stats.getDashboard.mockRejectedValue(new ApiError('stats.out_of_scope', '只能查看本街镇的统计', 403));
    render(<StatsDashboard />);
    await screen.findByText('统计暂时无法加载：只能查看本街镇的统计');
  });

  it('is closed to residents, without asking the server', () => {
    session.account = { id: 'r1', role: 'resident', roleLabel: '居民', name: '高海文', scope: {} };
    render(<StatsDashboard />);
    expect(screen.getByText('统计分析仅对区、街镇中心、办理单位和网格工作人员开放')).toBeTruthy();
    expect(stats.getDashboard).not.toHaveBeenCalled();
  });
});
