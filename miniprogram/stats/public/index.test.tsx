import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { buildPublicStats } from '../testing/dashboard-factory';

const stats = vi.hoisted(() => ({ getPublicStats: vi.fn() }));
vi.mock('../../services/stats', async (original) => ({
  ...(await original<typeof import('../../services/stats')>()),
  getPublicStats: stats.getPublicStats,
}));
vi.mock('../components/stats-chart', () => ({ StatsChart: ({ label }: { label: string }) => <div data-testid='chart'>{label}</div> }));

const { default: PublicFigures } = await import('./index');

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
  stats.getPublicStats.mockReset().mockResolvedValue(buildPublicStats());
});

describe('public figures', () => {
  it('shows this month first, and since launch on a tap', async () => {
    render(<PublicFigures />);
    await waitFor(() => labelled('listitem', '上报 1,200'));
    expect(screen.getByRole('radio', { name: '本月' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('radio', { name: '上线以来' }));
    expect(labelled('listitem', '上报 84,896')).toBeTruthy();
    expect(screen.getByText('按街镇 · 上线以来')).toBeTruthy();
  });

  it('draws each breakdown and gives its numbers, busiest first, as a table', async () => {
    render(<PublicFigures />);
    await screen.findByText('按街镇 · 本月');
    expect(screen.getAllByTestId('chart').map((chart) => chart.textContent)).toEqual(['按问题大类 · 本月的上报与结案', '按街镇 · 本月的上报与结案']);
    fireEvent.click(labelled('button', '查看按街镇 · 本月的数据'));
    const rows = within(labelled('table', '按街镇 · 本月')).getAllByRole('row');
    expect(rows.slice(1).map((row) => row.textContent)).toEqual(['滨湖世纪社区1,1951,18899.4%', '方兴社区5240.0%']);
  });

  it('offers to load again when the figures cannot be read', async () => {
    stats.getPublicStats.mockRejectedValueOnce(new Error('offline'));
    render(<PublicFigures />);
    await screen.findByText(/全区数据暂时无法加载/);
    fireEvent.click(screen.getByText('重新加载'));
    await waitFor(() => labelled('listitem', '上报 1,200'));
  });
});
