import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me } from '../../services/session';

const services = vi.hoisted(() => ({
  myMemberships: vi.fn(),
  myGrids: vi.fn(),
  claimMembership: vi.fn(),
  leaveMembership: vi.fn(),
  listCompounds: vi.fn(),
  getCompound: vi.fn(),
}));
const session = vi.hoisted(() => ({ account: undefined as Me | undefined }));
vi.mock('../../services/membership', () => ({
  myMemberships: services.myMemberships,
  myGrids: services.myGrids,
  claimMembership: services.claimMembership,
  leaveMembership: services.leaveMembership,
}));
vi.mock('../../services/places', () => ({ listCompounds: services.listCompounds, getCompound: services.getCompound }));
vi.mock('../../services/session', async (original) => ({ ...(await original<typeof import('../../services/session')>()), currentAccount: () => session.account }));

const { default: HomesPage } = await import('./index');
const { ApiError } = await import('../../services/http');

const home = (overrides: Record<string, unknown> = {}) => ({
  id: 'm1',
  compound: { code: 'C001', name: '滨湖花园' },
  building: { code: 'C001-B01', name: '1栋' },
  unit: '1',
  room: '101',
  householdId: 'C001:C001-B01:1:101',
  grid: { code: 'G1', name: '滨湖一网格' },
  relation: 'owner',
  status: 'verified',
  reason: null,
  decidedBy: 'roster',
  decidedAt: '2026-03-01T02:00:00.000Z',
  createdAt: '2026-03-01T02:00:00.000Z',
  revision: 1,
  ...overrides,
});

beforeEach(() => {
  session.account = { id: 'r1', role: 'resident', roleLabel: '居民', name: '高海文', scope: {} };
  services.myMemberships.mockReset().mockResolvedValue({ items: [] });
  services.myGrids.mockReset().mockResolvedValue({ items: [] });
  services.claimMembership.mockReset();
  services.leaveMembership.mockReset();
  services.listCompounds.mockReset().mockResolvedValue({
    items: [{ code: 'C001', name: '滨湖花园', kind: 'commercial', kindLabel: '商品房', streetCode: 'ST01', gridCode: 'G1', location: { lng: 0, lat: 0 }, buildingCount: 2, propertyUnit: null }],
    nextCursor: null,
  });
  services.getCompound.mockReset().mockResolvedValue({ code: 'C001', name: '滨湖花园', buildings: [{ code: 'C001-B01', name: '1栋' }, { code: 'C001-B02', name: '2栋' }] });
});

const type = (placeholder: string, value: string) => fireEvent.input(screen.getByPlaceholderText(placeholder), { target: { value } });

async function fillClaim() {
  fireEvent.click(await screen.findByText('请选择小区'));
  fireEvent.click(await screen.findByText('滨湖花园'));
  fireEvent.click(await screen.findByText('2栋'));
  type('如 1', '3');
  type('如 302', '302');
}

describe('我的房屋', () => {
  it('lists my homes with their status, and the reason of a refusal', async () => {
    services.myMemberships.mockResolvedValue({ items: [home(), home({ id: 'm2', room: '202', status: 'rejected', reason: '房号与登记不符', decidedBy: 'staff' })] });
    render(<HomesPage />);
    expect(await screen.findByText('已认证')).toBeTruthy();
    expect(screen.getByText('未通过')).toBeTruthy();
    expect(screen.getByText('原因：房号与登记不符')).toBeTruthy();
  });

  it('sends a claim for the chosen compound, building, unit and room, and shows it pending', async () => {
    services.claimMembership.mockResolvedValue(home({ id: 'm3', status: 'pending' }));
    render(<HomesPage />);
    await fillClaim();
    fireEvent.click(screen.getByText('提交认证'));
    await waitFor(() => expect(services.claimMembership).toHaveBeenCalledWith({ compoundCode: 'C001', buildingCode: 'C001-B02', unit: '3', room: '302', relation: 'owner' }));
    expect(services.myMemberships).toHaveBeenCalledTimes(2);
  });

  it('holds a claim back while fields are missing, saying which', async () => {
    render(<HomesPage />);
    fireEvent.click(await screen.findByText('提交认证'));
    expect(await screen.findByText('单元不能为空')).toBeTruthy();
    expect(screen.getAllByText('请选择小区').some((node) => node.getAttribute('role') === 'alert')).toBe(true);
    expect(screen.getByText('房号不能为空')).toBeTruthy();
    expect(services.claimMembership).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors beside their fields and keeps what was typed', async () => {
    services.claimMembership.mockRejectedValue(new ApiError('request.invalid', '提交的内容有误', 400, { fields: { room: ['房号只能是数字、字母或短横线'] } }));
    render(<HomesPage />);
    await fillClaim();
    fireEvent.click(screen.getByText('提交认证'));
    const message = await screen.findByText('房号只能是数字、字母或短横线');
    expect(message.closest('.claim-form__field')?.textContent).toContain('房号');
    expect((screen.getByPlaceholderText('如 302') as HTMLInputElement).value).toBe('302');
  });

  it('shows a conflict (already claimed) under the form', async () => {
    services.claimMembership.mockRejectedValue(new ApiError('membership.duplicate', '这间房屋您已提交过认证', 409));
    render(<HomesPage />);
    await fillClaim();
    fireEvent.click(screen.getByText('提交认证'));
    expect(await screen.findByText('这间房屋您已提交过认证')).toBeTruthy();
  });

  it('moves out only after confirming', async () => {
    services.myMemberships.mockResolvedValue({ items: [home()] });
    services.leaveMembership.mockResolvedValue(home({ status: 'ended' }));
    render(<HomesPage />);
    fireEvent.click(await screen.findByText('迁出'));
    expect(services.leaveMembership).not.toHaveBeenCalled();
    expect(await screen.findByText('确认迁出')).toBeTruthy();
    const confirm = screen.getAllByText('迁出').find((node) => node.closest('.nut-dialog'));
    fireEvent.click(confirm!);
    await waitFor(() => expect(services.leaveMembership).toHaveBeenCalledWith('m1'));
  });
});
