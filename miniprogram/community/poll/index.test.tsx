import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { setRouterParams } from '../../testing/taro';
import { pollView } from '../../testing/poll-fixtures';

const polls = vi.hoisted(() => ({ getPoll: vi.fn(), getPollResults: vi.fn(), listPollComments: vi.fn(), postPollComment: vi.fn(), castVote: vi.fn(), checkReceipt: vi.fn() }));
vi.mock('../../services/polls', () => polls);
const photoSource = vi.hoisted(() => vi.fn(async (path: string) => `signed:${path}`));
vi.mock('../../services/photos', async (importOriginal) => ({ ...(await importOriginal<object>()), photoSource }));

const { default: PollPage } = await import('./index');
const { ApiError } = await import('../../services/http');

const me = { canVote: true, refusal: null, voted: false, canComment: true, canManage: false, canEdit: false };

beforeEach(() => {
  setRouterParams({ id: 'p0000000000000001' });
  polls.getPoll.mockReset().mockResolvedValue(pollView());
  polls.listPollComments.mockReset().mockResolvedValue({ items: [], nextCursor: null });
  polls.postPollComment.mockReset();
  polls.castVote.mockReset();
  polls.checkReceipt.mockReset();
});

describe('the poll page', () => {
  it('shows the background photos with the viewer\'s sign-in, and opens them full size', async () => {
    const photo = (id: string) => ({ id, url: `/api/v1/photos/${id}`, thumbnailUrl: `/api/v1/photos/${id}?size=thumb` });
    polls.getPoll.mockResolvedValue(pollView({ photos: [photo('a'.repeat(32)), photo('b'.repeat(32))] }));
    // Lazily loaded images wait for the viewport; jsdom has none, so every image is in view at once.
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        constructor(private readonly callback: (entries: { isIntersecting: boolean; intersectionRatio: number; target: Element }[]) => void) {}
        observe(target: Element) {
          this.callback([{ isIntersecting: true, intersectionRatio: 1, target }]);
        }
        unobserve() {}
        disconnect() {}
      },
    );
    render(<PollPage />);
    // Taro's H5 views keep `ariaLabel` as a plain attribute.
    const second = await waitFor(() => document.querySelector<HTMLElement>('[arialabel="查看背景照片2"]') ?? Promise.reject(new Error('no second photo')));
    await waitFor(() => expect(document.querySelector(`img[src="signed:/api/v1/photos/${'b'.repeat(32)}?size=thumb"]`)).toBeTruthy());
    fireEvent.click(second);
    await waitFor(() => expect(photoSource).toHaveBeenCalledWith(`/api/v1/photos/${'a'.repeat(32)}`));
    expect(document.querySelectorAll('[arialabel^="查看背景照片"]')).toHaveLength(2);
    vi.unstubAllGlobals();
  });

  it('shows what is asked, when and where, and the form for a resident who may vote', async () => {
    render(<PollPage />);
    expect(await screen.findByText('3号楼北侧建电动车棚')).toBeTruthy();
    expect(screen.getByText('投票中')).toBeTruthy();
    expect(screen.getByText('滨湖花园 · 每户一票')).toBeTruthy();
    expect(screen.getByText(/是否同意建电动车棚？/)).toBeTruthy();
    expect(screen.queryByText('管理议题')).toBeNull();
  });

  it('says why instead of the form when the viewer may not vote', async () => {
    polls.getPoll.mockResolvedValue(pollView({ me: { ...me, canVote: false, refusal: 'poll.outside_scope' } }));
    render(<PollPage />);
    expect(await screen.findByText('您不在本议题的投票范围内')).toBeTruthy();
    expect(screen.queryByText('投票', { selector: '.nut-button *' })).toBeNull();
  });

  it('after voting keeps the receipt on screen and offers it to the check', async () => {
    polls.castVote.mockResolvedValue({ receipt: '7KQ2-M9XD-4RTA-PW3E' });
    render(<PollPage />);
    fireEvent.click(await screen.findByText('同意'));
    fireEvent.click(screen.getByText('充电桩'));
    polls.getPoll.mockResolvedValue(pollView({ me: { ...me, canVote: false, refusal: 'poll.already_voted', voted: true } }));
    fireEvent.click(screen.getByText('投票'));
    fireEvent.click(await screen.findByText('确认投出'));
    expect(await screen.findByText('7KQ2-M9XD-4RTA-PW3E')).toBeTruthy();
    expect(await screen.findByText('查验我的选票')).toBeTruthy();
    polls.checkReceipt.mockResolvedValue({ status: 'pending', choices: { q1: ['o1'], q2: ['o3'] } });
    fireEvent.click(screen.getByText('查验'));
    await waitFor(() => expect(polls.checkReceipt).toHaveBeenCalledWith('p0000000000000001', '7KQ2-M9XD-4RTA-PW3E'));
    expect(await screen.findByText(/将在数分钟内计入/)).toBeTruthy();
  });

  it('offers 管理议题 to those who manage the poll', async () => {
    polls.getPoll.mockResolvedValue(pollView({ me: { ...me, canManage: true } }));
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<PollPage />);
    fireEvent.click(await screen.findByText('管理议题'));
    expect(navigate).toHaveBeenCalledWith({ url: '/staff/poll-manage/index?id=p0000000000000001' });
  });

  it('shows results, the decision and the cases it became', async () => {
    polls.getPoll.mockResolvedValue(
      pollView({
        phase: 'ended',
        status: 'closed',
        me: { ...me, canVote: false, refusal: 'poll.closed' },
        results: { ballots: 4, eligible: 6, turnout: 4 / 6, counts: { q1: { o1: 3, o2: 1 }, q2: {} }, quorumMet: true, passed: true, final: true },
        decision: {
          decision: '建设电动车棚，由物业实施',
          minutes: null,
          meeting: null,
          decidedAt: '2026-03-28T02:00:00.000Z',
          cases: [{ id: 'case-1', number: 'BH2026000123', title: '3号楼北侧建电动车棚', status: '处置中' }],
        },
      }),
    );
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never);
    render(<PollPage />);
    expect(await screen.findByText('投票结果')).toBeTruthy();
    expect(screen.getByText('3票 · 75%')).toBeTruthy();
    expect(screen.getByText('建设电动车棚，由物业实施')).toBeTruthy();
    fireEvent.click(screen.getByText('BH2026000123 · 处置中 ›'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/case/index?id=case-1' });
  });

  it('shows a hidden comment by its reason, never its text', async () => {
    polls.listPollComments.mockResolvedValue({
      items: [
        { id: 'c1', author: '张某（3栋）', text: '支持！', at: '2026-03-21T02:00:00.000Z', hidden: null, mine: false },
        { id: 'c2', author: '李某（5栋）', text: null, at: '2026-03-21T03:00:00.000Z', hidden: { reason: '含人身攻击', at: '2026-03-21T04:00:00.000Z' }, mine: false },
      ],
      nextCursor: null,
    });
    render(<PollPage />);
    expect(await screen.findByText('支持！')).toBeTruthy();
    expect(screen.getByText('该留言已被隐藏：含人身攻击')).toBeTruthy();
  });

  it('asks a signed-out visitor to sign in when the poll is not public', async () => {
    polls.getPoll.mockRejectedValue(new ApiError('auth.required', '请先登录', 401));
    render(<PollPage />);
    expect(await screen.findByText('登录并认证房屋后可查看本小区议题')).toBeTruthy();
    expect(screen.getByText('去登录')).toBeTruthy();
  });
});
