import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { caseListFilterKeys } from '../../../shared/schemas/cases';
import { firePageEvent } from '../../testing/taro';
import { summary } from '../../testing/case-fixtures';

const cases = vi.hoisted(() => ({ listCases: vi.fn() }));
vi.mock('../../services/cases', () => cases);
vi.mock('../../services/places', () => ({ listStreets: () => Promise.resolve({ items: [{ code: 'ST01', name: '包公街道' }], nextCursor: null }) }));
vi.mock('../../services/catalog', () => ({ getCatalog: () => Promise.resolve({ categories: [{ code: '01', name: '市容环境', subcategories: [] }] }) }));

const { default: PublicCases } = await import('./index');

const filtersIn = (query: Record<string, unknown>) => caseListFilterKeys.filter((key) => query[key] !== undefined);

beforeEach(() => {
  cases.listCases.mockReset();
  cases.listCases.mockResolvedValue({ items: [], nextCursor: null });
});

describe('public cases page', () => {
  it('lists public cases for anyone and, on a status chip, sends that one filter', async () => {
    render(<PublicCases />);
    await waitFor(() => expect(cases.listCases).toHaveBeenCalledWith({ view: 'public', limit: 10 }));
    fireEvent.click(screen.getByText('办理中'));
    await waitFor(() => expect(cases.listCases).toHaveBeenLastCalledWith({ view: 'public', limit: 10, group: 'open' }));
    fireEvent.click(screen.getByText('已办结'));
    await waitFor(() => expect(cases.listCases).toHaveBeenLastCalledWith({ view: 'public', limit: 10, group: 'closed' }));
    for (const [query] of cases.listCases.mock.calls) expect(filtersIn(query).length).toBeLessThanOrEqual(1);
    expect(await screen.findByText('没有符合条件的公开案件')).toBeTruthy();
  });

  it('loads the next page at the bottom with the cursor and the same filters', async () => {
    cases.listCases.mockResolvedValueOnce({ items: [summary({ id: 'a', title: '路灯不亮' })], nextCursor: 'page2' });
    render(<PublicCases />);
    await screen.findByText('加载更多');
    firePageEvent('reachBottom');
    await waitFor(() => expect(cases.listCases).toHaveBeenLastCalledWith({ view: 'public', limit: 10, cursor: 'page2' }));
  });

  it('shows the server’s message when the list fails', async () => {
    const { ApiError } = await import('../../services/http');
    cases.listCases.mockRejectedValueOnce(new ApiError('list.invalid_cursor', '翻页标记无效', 422));
    render(<PublicCases />);
    expect(await screen.findByText('翻页标记无效')).toBeTruthy();
  });
});
