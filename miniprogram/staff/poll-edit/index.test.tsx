import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiError } from '../../services/http';
import { setRouterParams } from '../../testing/taro';

const services = vi.hoisted(() => ({ createPoll: vi.fn(), updatePoll: vi.fn(), getPoll: vi.fn(), getCompound: vi.fn(), listCompounds: vi.fn() }));
vi.mock('../../services/polls', () => ({ createPoll: services.createPoll, updatePoll: services.updatePoll, getPoll: services.getPoll }));
vi.mock('../../services/places', () => ({ getCompound: services.getCompound, listCompounds: services.listCompounds }));
const photoSource = vi.hoisted(() => vi.fn(async (path: string) => `signed:${path}`));
vi.mock('../../services/photos', async (importOriginal) => ({ ...(await importOriginal<object>()), photoSource }));

const { default: PollEdit } = await import('./index');

/** The native field with this placeholder, once Taro's H5 component has rendered it (asynchronously, under load). */
const input = (placeholder: string) =>
  waitFor(() => {
    const found = document.querySelector<HTMLInputElement>(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`);
    if (!found) throw new Error(`no field with placeholder ${placeholder}`);
    return found;
  });

describe('发起议题', () => {
  beforeEach(() => {
    for (const mock of Object.values(services)) mock.mockReset();
    services.getCompound.mockResolvedValue({ code: 'C001', name: '翡翠湖花园', buildings: [{ code: 'C001-B03', name: '3栋' }] });
    Taro.setStorageSync('gongzhi.token', 'token');
    Taro.setStorageSync('gongzhi.account', { id: 'a1', role: 'community', roleLabel: '社区', name: '翡翠湖社区居委会', scope: { compoundCodes: ['C001'] } });
    setRouterParams({});
  });

  it('checks with the shared schema before sending, each message beside its field', async () => {
    render(<PollEdit />);
    await screen.findByText('翡翠湖花园');
    fireEvent.input(await input('如：是否在3栋北侧建设电动自行车充电车棚'), { target: { value: '车棚' } });
    fireEvent.click(screen.getByText('保存草稿'));
    expect(await screen.findByText('标题至少4个字')).toBeTruthy();
    expect(screen.getByText('背景说明至少10个字')).toBeTruthy();
    expect(screen.getByText('问题至少2个字')).toBeTruthy();
    expect(services.createPoll).not.toHaveBeenCalled();
  });

  it("keeps everything typed when the API refuses, and puts its field errors beside the option they name", async () => {
    services.createPoll.mockRejectedValue(new ApiError('request.invalid', '提交的内容有误，请检查标出的字段', 400, { fields: { 'questions.0.options.1.text': ['选项含有敏感词'] } }));
    render(<PollEdit />);
    await screen.findByText('翡翠湖花园');
    fireEvent.input(await input('如：是否在3栋北侧建设电动自行车充电车棚'), { target: { value: '是否在3栋北侧建设电动自行车充电车棚' } });
    fireEvent.input(await input('为什么要议、有哪些方案、费用由谁承担'), { target: { value: '3栋北侧空地常有电动车飞线充电，拟建设充电车棚。' } });
    fireEvent.input(await input('问题1，如：您是否同意建设充电车棚？'), { target: { value: '您是否同意建设充电车棚？' } });
    fireEvent.click(screen.getByText('保存草稿'));
    await waitFor(() => expect(services.createPoll).toHaveBeenCalled());
    expect(services.createPoll.mock.calls[0][0]).toMatchObject({ scope: { kind: 'compound', compoundCode: 'C001' }, questions: [{ options: [{ text: '同意' }, { text: '不同意' }, { text: '弃权' }] }] });
    expect(await screen.findByText('选项含有敏感词')).toBeTruthy();
    expect(screen.getByText('没有保存：提交的内容有误，请检查标出的字段')).toBeTruthy();
    expect((await input('如：是否在3栋北侧建设电动自行车充电车棚')).value).toBe('是否在3栋北侧建设电动自行车充电车棚');
  });

  it("shows a draft's photos from signed copies (a bare link is refused) and keeps them when saved", async () => {
    const photoId = 'c'.repeat(32);
    const { pollView } = await import('../../testing/poll-fixtures');
    services.getPoll.mockResolvedValue(
      pollView({ status: 'draft', phase: 'draft', scope: { kind: 'compound', compoundCode: 'C001' }, photos: [{ id: photoId, url: `/api/v1/photos/${photoId}`, thumbnailUrl: `/api/v1/photos/${photoId}?size=thumb` }] }),
    );
    services.updatePoll.mockResolvedValue({ id: 'p0000000000000001' });
    const redirect = vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as never);
    setRouterParams({ id: 'p0000000000000001' });
    render(<PollEdit />);
    await waitFor(() => expect(document.querySelector(`img[src="signed:/api/v1/photos/${photoId}?size=thumb"]`)).toBeTruthy());
    fireEvent.click(screen.getByText('保存草稿'));
    await waitFor(() => expect(services.updatePoll).toHaveBeenCalled());
    expect(services.updatePoll.mock.calls[0][2]).toMatchObject({ photoIds: [photoId] });
    await waitFor(() => expect(redirect).toHaveBeenCalled());
    redirect.mockRestore();
  });

  it('tells a grid member they cannot draft polls', () => {
    Taro.setStorageSync('gongzhi.account', { id: 'a2', role: 'grid_member', roleLabel: '网格员', name: '李', scope: { gridCode: 'G0101' } });
    render(<PollEdit />);
    expect(screen.getByText('只有居委会、网格长和物业可以发起议题')).toBeTruthy();
  });
});
