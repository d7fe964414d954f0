import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { baoheCatalog } from '../../../shared/catalog/baohe-catalog';
import { ApiError, NETWORK_ERROR_MESSAGE } from '../../services/http';
import { loadDraft, readSubcategoryUsage, saveDraft } from '../../services/drafts';
import Report from './index';

const cases = vi.hoisted(() => ({ fileCase: vi.fn(), nearbyCases: vi.fn(), followCase: vi.fn() }));
const session = vi.hoisted(() => ({ account: undefined as unknown }));

vi.mock('../../services/cases', async (original) => ({ ...(await original<typeof import('../../services/cases')>()), ...cases }));
vi.mock('../../services/catalog', () => ({ getCatalog: () => Promise.resolve(baoheCatalog) }));
vi.mock('../../services/messages', () => ({ getSubscriptions: vi.fn(), askForConsents: vi.fn(), templatesAbout: vi.fn(() => []) }));
vi.mock('../../services/session', () => ({ currentAccount: () => session.account }));

const resident = { id: 'r1', role: 'resident', roleLabel: '居民', name: '居民一', scope: {} };
const photo = { id: 'a'.repeat(32), preview: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' };
const compoundPlace = { streetCode: 'ST01', streetName: '包公街道', gridCode: 'ST01-G01', compoundCode: 'C001', compoundName: '芙蓉小区' };

const spyOn = (name: 'redirectTo' | 'showToast' | 'navigateTo' | 'pageScrollTo') => vi.spyOn(Taro as unknown as Record<string, () => Promise<unknown>>, name).mockResolvedValue({});

beforeEach(() => {
  vi.clearAllMocks();
  session.account = resident;
  cases.nearbyCases.mockResolvedValue({ radiusM: 50, items: [] });
});

async function confirmSubmit() {
  fireEvent.click(screen.getByText(/^(提交|重新提交)$/));
  const confirm = await screen.findByText('确认提交');
  await act(async () => {
    fireEvent.click(confirm);
  });
}

describe('我要反映', () => {
  it('sends a signed-out resident to sign in, coming back here after', async () => {
    session.account = undefined;
    const redirect = spyOn('redirectTo');
    render(<Report />);
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: `/pages/login/index?redirect=${encodeURIComponent('/pages/report/index')}` }));
  });

  it('shows the schema’s messages beside the fields and sends nothing', async () => {
    spyOn('showToast');
    render(<Report />);
    await screen.findByText('请选择');
    fireEvent.click(screen.getByText('提交'));
    expect(await screen.findByText('请选择问题小类')).toBeTruthy();
    expect(screen.getByText('请至少用5个字描述问题')).toBeTruthy();
    expect(screen.getByText('请在地图上选点或选择小区')).toBeTruthy();
    expect(cases.fileCase).not.toHaveBeenCalled();
  });

  it('keeps the draft and its key when the network fails, and files once with the same key on retry', async () => {
    const redirect = spyOn('redirectTo');
    spyOn('showToast');
    const scroll = spyOn('pageScrollTo');
    const draft = loadDraft('report');
    saveDraft('report', { ...draft, subcategoryCode: '01.01', description: '小区东门垃圾堆了三天没人清理', place: compoundPlace, photos: [photo] });
    cases.fileCase.mockRejectedValueOnce(new ApiError('network', NETWORK_ERROR_MESSAGE, 0));
    render(<Report />);
    await screen.findByText(/暴露垃圾/);

    await confirmSubmit();
    expect(cases.fileCase).toHaveBeenCalledTimes(1);
    expect(cases.fileCase.mock.calls[0][0]).toMatchObject({ subcategoryCode: '01.01', compoundCode: 'C001', description: '小区东门垃圾堆了三天没人清理', photos: [photo.id] });
    expect(cases.fileCase.mock.calls[0][1]).toBe(draft.idempotencyKey);
    expect(await screen.findByText(`提交没有成功：${NETWORK_ERROR_MESSAGE}`)).toBeTruthy();
    // Brought into sight: the banner is at the top, the button that was tapped at the bottom.
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ scrollTop: 0 }));
    expect(loadDraft('report')).toMatchObject({ idempotencyKey: draft.idempotencyKey, description: '小区东门垃圾堆了三天没人清理' });
    expect(redirect).not.toHaveBeenCalled();

    cases.fileCase.mockResolvedValueOnce({ id: 'case-123456789' });
    await confirmSubmit();
    expect(cases.fileCase).toHaveBeenCalledTimes(2);
    expect(cases.fileCase.mock.calls[1][1]).toBe(draft.idempotencyKey);
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/pages/case/index?id=case-123456789' }));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '提交成功' }));
    // Cleared only now: the next report starts fresh, and this subcategory counts as used.
    expect(loadDraft('report').idempotencyKey).not.toBe(draft.idempotencyKey);
    expect(readSubcategoryUsage()).toEqual({ '01.01': 1 });
  });

  it('places the server’s field errors beside the fields and keeps what was typed', async () => {
    spyOn('showToast');
    saveDraft('report', { ...loadDraft('report'), subcategoryCode: '01.01', description: '小区东门垃圾堆了三天没人清理', place: compoundPlace, photos: [photo] });
    cases.fileCase.mockRejectedValueOnce(new ApiError('validation', '提交的内容有误', 400, { fields: { compoundCode: ['小区不存在'] } }));
    render(<Report />);
    await screen.findByText(/暴露垃圾/);
    await confirmSubmit();
    expect(await screen.findByText('小区不存在')).toBeTruthy();
    expect(screen.getByDisplayValue('小区东门垃圾堆了三天没人清理')).toBeTruthy();
  });

  it('offers a nearby open case of the same kind to follow instead', async () => {
    const navigate = spyOn('navigateTo');
    spyOn('showToast');
    saveDraft('report', { ...loadDraft('report'), subcategoryCode: '01.01', place: { ...compoundPlace, point: { lng: 117.2935, lat: 31.8395 } } });
    cases.nearbyCases.mockResolvedValue({ radiusM: 50, items: [{ id: 'case-near-000001', number: '20260320-0001', title: '暴露垃圾', statusLabel: '处置中', street: { code: 'ST01', name: '包公街道' } }] });
    cases.followCase.mockResolvedValue({});
    render(<Report />);
    expect(await screen.findByText('这个问题已有人反映，关注它')).toBeTruthy();
    expect(cases.nearbyCases).toHaveBeenCalledWith('01.01', 117.2935, 31.8395);
    await act(async () => {
      fireEvent.click(screen.getByText('关注'));
    });
    expect(cases.followCase).toHaveBeenCalledWith('case-near-000001');
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/case/index?id=case-near-000001' });
  });
});
