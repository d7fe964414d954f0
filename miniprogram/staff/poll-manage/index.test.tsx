import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiError } from '../../services/http';
import type { PollView } from '../../services/polls';
import { setRouterParams } from '../../testing/taro';
import { manageActions } from './actions';

const services = vi.hoisted(() => ({
  getPoll: vi.fn(),
  openPoll: vi.fn(),
  closePoll: vi.fn(),
  cancelPoll: vi.fn(),
  listPollVoters: vi.fn(),
  listPollComments: vi.fn(),
  hidePollComment: vi.fn(),
  recordPollDecision: vi.fn(),
  fileDecisionCase: vi.fn(),
}));
vi.mock('../../services/polls', () => services);
vi.mock('../../services/poll-admin', () => ({ saveResultsCsv: vi.fn() }));
vi.mock('../../services/catalog', () => ({ getCatalog: vi.fn(() => new Promise(() => undefined)) }));

const { default: PollManage } = await import('./index');

function poll(changes: Partial<PollView> = {}): PollView {
  return {
    id: 'p0123456789abcdef',
    status: 'draft',
    phase: 'draft',
    title: '是否在3栋北侧建设电动自行车充电车棚',
    background: '3栋北侧空地常有电动车飞线充电，拟建设充电车棚。',
    photos: [],
    scope: { kind: 'compound', compoundCode: 'C001' },
    scopeLabel: '翡翠湖花园',
    street: { code: 'ST01', name: '包公街道' },
    questions: [{ id: 'q1', text: '是否同意建设充电车棚？', kind: 'single', maxChoices: 1, options: [{ id: 'o1', text: '同意' }, { id: 'o2', text: '不同意' }, { id: 'o3', text: '弃权' }] }],
    votesPer: 'household',
    opensAt: '2026-03-02T03:00:00.000Z',
    closesAt: '2026-03-09T03:00:00.000Z',
    resultsVisibility: 'after_close',
    publicResults: true,
    quorum: null,
    pass: { optionId: 'o1', threshold: 0.5, rule: 'more_than' },
    author: { name: '王主任', unit: { code: 'U1', name: '翡翠湖社区居委会' } },
    votes: 0,
    results: null,
    me: { canVote: false, refusal: 'poll.not_resident', voted: false, canComment: false, canManage: true, canEdit: true },
    decision: null,
    cancelReason: null,
    createdAt: '2026-03-01T03:00:00.000Z',
    version: 3,
    ...changes,
  };
}

const signIn = (role: string) => {
  Taro.setStorageSync('gongzhi.token', 'token');
  Taro.setStorageSync('gongzhi.account', { id: 'a1', role, roleLabel: '社区', name: '翡翠湖社区居委会', scope: { compoundCodes: ['C001'] } });
};

describe('the buttons a poll manager sees', () => {
  const committee = { canManage: true, canEdit: true };
  it('follow the phase: edit and publish a draft, end a running vote, decide once it has ended, then file the case', () => {
    expect(manageActions({ phase: 'draft', me: committee, decision: null })).toEqual(['edit', 'open', 'cancel']);
    expect(manageActions({ phase: 'scheduled', me: { canManage: true, canEdit: false }, decision: null })).toEqual(['cancel']);
    expect(manageActions({ phase: 'voting', me: { canManage: true, canEdit: false }, decision: null })).toEqual(['close', 'cancel']);
    expect(manageActions({ phase: 'ended', me: { canManage: true, canEdit: false }, decision: null })).toEqual(['decide']);
    expect(manageActions({ phase: 'ended', me: { canManage: true, canEdit: false }, decision: {} })).toEqual(['file_case']);
    expect(manageActions({ phase: 'cancelled', me: committee, decision: null })).toEqual([]);
  });

  it('let the property company that wrote a draft only edit it, and nobody act who may neither edit nor manage', () => {
    const author = { canManage: false, canEdit: true };
    expect(manageActions({ phase: 'draft', me: author, decision: null })).toEqual(['edit']);
    expect(manageActions({ phase: 'voting', me: { canManage: false, canEdit: false }, decision: null })).toEqual([]);
    expect(manageActions({ phase: 'draft', me: { canManage: false, canEdit: false }, decision: null })).toEqual([]);
    expect(manageActions({ phase: 'draft', me: null, decision: null })).toEqual([]);
  });
});

describe('the poll manage page', () => {
  beforeEach(() => {
    for (const mock of Object.values(services)) mock.mockReset();
    services.listPollVoters.mockResolvedValue({ items: [], nextCursor: null });
    services.listPollComments.mockResolvedValue({ items: [], nextCursor: null });
    setRouterParams({ id: 'p0123456789abcdef' });
    signIn('community');
  });

  it('shows 编辑, 发布 and 取消议题 on a draft, and publishes with the version shown after a confirm that questions freeze', async () => {
    services.getPoll.mockResolvedValue(poll());
    services.openPoll.mockResolvedValue(poll({ status: 'open', phase: 'scheduled', version: 4 }));
    render(<PollManage />);
    expect(await screen.findByText('编辑')).toBeTruthy();
    expect(screen.getByText('取消议题')).toBeTruthy();
    expect(screen.queryByText('提前结束')).toBeNull();
    fireEvent.click(screen.getByText('发布'));
    expect(await screen.findByText(/发布后问题和选项将冻结/)).toBeTruthy();
    fireEvent.click(screen.getByText('确认发布'));
    await waitFor(() => expect(services.openPoll).toHaveBeenCalledWith('p0123456789abcdef', 3));
    expect(await screen.findByText('未开始')).toBeTruthy();
  });

  it('shows 提前结束 while voting, with who voted but never what', async () => {
    services.getPoll.mockResolvedValue(poll({ status: 'open', phase: 'voting', votes: 2 }));
    services.listPollVoters.mockResolvedValue({ items: [{ householdId: 'C001:C001-B03:1:302', building: '3栋', unit: '1', room: '302', name: null }], nextCursor: null });
    render(<PollManage />);
    expect(await screen.findByText('提前结束')).toBeTruthy();
    expect(screen.queryByText('发布')).toBeNull();
    expect(screen.queryByText('编辑')).toBeNull();
    expect(await screen.findByText('3栋 1单元 302')).toBeTruthy();
    expect(screen.getByText('本户已投票')).toBeTruthy();
  });

  it('explains a stale version and shows the poll as it now is', async () => {
    services.getPoll.mockResolvedValueOnce(poll({ status: 'open', phase: 'voting' })).mockResolvedValue(poll({ status: 'closed', phase: 'ended', version: 5 }));
    services.closePoll.mockRejectedValue(new ApiError('poll.stale', '议题已被修改', 409));
    render(<PollManage />);
    fireEvent.click(await screen.findByText('提前结束'));
    fireEvent.click(await screen.findByText('结束投票'));
    expect(await screen.findByText(/刚被其他人修改过/)).toBeTruthy();
    expect(await screen.findByText('记录决定', { selector: '.nut-button *' })).toBeTruthy();
  });

  it('asks for a reason before cancelling, and sends it with the version', async () => {
    services.getPoll.mockResolvedValue(poll({ status: 'open', phase: 'scheduled' }));
    services.cancelPoll.mockResolvedValue(poll({ status: 'cancelled', phase: 'cancelled', cancelReason: '方案需重新论证' }));
    render(<PollManage />);
    fireEvent.click(await screen.findByText('取消议题'));
    fireEvent.click(await screen.findByText('确认取消'));
    expect(await screen.findByText('请填写取消原因（至少2个字）')).toBeTruthy();
    expect(services.cancelPoll).not.toHaveBeenCalled();
    // The dialog renders outside the page's container, and its textarea appears once the web component upgrades.
    const textarea = await waitFor(() => {
      const found = document.querySelector('textarea');
      if (!found) throw new Error('the reason field has not appeared yet');
      return found;
    });
    fireEvent.input(textarea, { target: { value: '方案需重新论证' } });
    fireEvent.click(screen.getByText('确认取消'));
    await waitFor(() => expect(services.cancelPoll).toHaveBeenCalledWith('p0123456789abcdef', 3, '方案需重新论证'));
    expect(await screen.findByText('已取消：方案需重新论证')).toBeTruthy();
  });

  it('offers the decision form once ended, and 转为案件 after the decision with its case linked', async () => {
    services.getPoll.mockResolvedValue(
      poll({
        status: 'closed',
        phase: 'ended',
        decision: { decision: '同意建设充电车棚', minutes: null, meeting: null, decidedAt: '2026-03-10T03:00:00.000Z', cases: [{ id: 'case-9', number: 'BH2603100001', title: '建设充电车棚', status: '已派单' }] },
      }),
    );
    render(<PollManage />);
    expect(await screen.findByText('转为案件')).toBeTruthy();
    expect(screen.queryByText('保存决定')).toBeNull();
    expect(screen.getByText('编号 BH2603100001 · 已派单')).toBeTruthy();
  });

  it('shows no buttons to a property company once the poll runs', async () => {
    signIn('property_manager');
    services.getPoll.mockResolvedValue(poll({ status: 'open', phase: 'voting', me: { canVote: false, refusal: 'poll.not_resident', voted: false, canComment: false, canManage: false, canEdit: false } }));
    render(<PollManage />);
    await screen.findByText('投票情况');
    expect(screen.queryByLabelText('可执行的操作')).toBeNull();
    expect(screen.queryByText('已投票名单')).toBeNull();
    expect(services.listPollVoters).not.toHaveBeenCalled();
  });
});
