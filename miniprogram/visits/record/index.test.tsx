import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiError } from '../../services/http';
import { setRouterParams } from '../../testing/taro';
import { keepVisitDraft, listVisitDrafts } from '../draft-store';
import { newVisitDraft } from '../visit-draft';

const services = vi.hoisted(() => ({ getPersonRecord: vi.fn(), visitCategoriesFor: vi.fn(), visitTeamFor: vi.fn(), sendVisit: vi.fn() }));
vi.mock('../../services/visits', () => services);

const { default: VisitRecordForm } = await import('./index');

const person = {
  id: 'vp_abcdefgh1234',
  version: 1,
  category: { code: 'elderly_alone', name: '独居、空巢及特殊困难老人' },
  risk: 'red',
  compoundCode: 'C001',
  compoundName: '万象公寓',
  name: '示****英',
  schedule: { dueAt: '2026-11-27T02:00:00Z', warnAt: '2026-11-26T02:00:00Z', reason: 'routine', state: 'overdue', latenessHours: 24, escalatedTo: [] },
} as unknown as Parameters<typeof newVisitDraft>[0];
const categories = {
  version: 1,
  categories: [
    {
      code: 'elderly_alone',
      name: '独居、空巢及特殊困难老人',
      ownerUnitType: 'civil_affairs',
      handledBy: ['grid_member'],
      majorChangeWithinHours: null,
      minVisitsPerYear: null,
      signOffOnDanger: [],
      questions: [
        { key: 'livesAlone', label: '是否独居', kind: 'boolean', required: true, sensitive: false },
        { key: 'healthNote', label: '身体状况', kind: 'text', required: true, sensitive: true },
      ],
    },
  ],
};

describe('走访记录', () => {
  beforeEach(() => {
    localStorage.clear();
    for (const mock of Object.values(services)) mock.mockReset();
    services.visitCategoriesFor.mockResolvedValue(categories);
    services.visitTeamFor.mockResolvedValue([{ id: 'acct-2', displayName: '李四', roleLabel: '网格长' }]);
    Taro.setStorageSync('gongzhi.token', 'token');
    Taro.setStorageSync('gongzhi.account', { id: 'acct-1', role: 'grid_member', roleLabel: '网格员', name: '吴新春', scope: { streetCode: 'ST01', gridCode: 'G0101' } });
    setRouterParams({ id: person.id });
  });

  it('reopens the draft kept on the phone without asking the server for the person', async () => {
    services.getPersonRecord.mockRejectedValue(new ApiError('network', '网络连接失败，请稍后重试', 0));
    keepVisitDraft({ ...newVisitDraft(person, 'acct-1', 'draft-kept-0001', new Date('2026-11-28T02:00:00Z')), answers: { healthNote: '血压平稳' } });
    render(<VisitRecordForm />);
    await waitFor(() => expect(document.querySelector('textarea[placeholder="请填写身体状况"]')).toBeTruthy());
    expect((document.querySelector('textarea[placeholder="请填写身体状况"]') as HTMLTextAreaElement).value).toBe('血压平稳');
    expect(services.getPersonRecord).not.toHaveBeenCalled();
  });

  it('keeps every change on the phone, under the draft id drawn when it started', async () => {
    services.getPersonRecord.mockResolvedValue({ person, visits: [] });
    render(<VisitRecordForm />);
    await screen.findByText('示****英 · 独居、空巢及特殊困难老人');
    expect(listVisitDrafts('acct-1')).toEqual([]);
    const health = await waitFor(() => {
      const found = document.querySelector<HTMLTextAreaElement>('textarea[placeholder="请填写身体状况"]');
      if (!found) throw new Error('no 身体状况 field yet');
      return found;
    });
    fireEvent.input(health, { target: { value: '腿脚不便' } });
    await waitFor(() => expect(listVisitDrafts('acct-1')).toHaveLength(1));
    const [kept] = listVisitDrafts('acct-1');
    expect(kept).toMatchObject({ person: { id: person.id }, answers: { healthNote: '腿脚不便' }, status: 'editing' });
    expect(kept.draftId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('says which required answers are missing and sends nothing', async () => {
    services.getPersonRecord.mockResolvedValue({ person, visits: [] });
    render(<VisitRecordForm />);
    fireEvent.click(await screen.findByText('提交走访记录'));
    expect(await screen.findByText('请回答：是否独居')).toBeTruthy();
    expect(screen.getByText('请回答：身体状况')).toBeTruthy();
    expect(services.sendVisit).not.toHaveBeenCalled();
  });

  it('sends the second visitor chosen, and opens without the team list when it cannot be had', async () => {
    services.getPersonRecord.mockRejectedValue(new ApiError('network', '网络连接失败，请稍后重试', 0));
    services.visitTeamFor.mockRejectedValue(new ApiError('network', '网络连接失败，请稍后重试', 0));
    services.sendVisit.mockResolvedValue({ replayed: false, visit: { id: 'v1', visitedAt: '2026-11-28T02:00:00Z', nextRisk: 'red', signOff: null }, case: null, notified: [] });
    keepVisitDraft({ ...newVisitDraft(person, 'acct-1', 'draft-pair-0001', new Date('2026-11-28T02:00:00Z')), companion: { id: 'acct-2', name: '李四' }, answers: { livesAlone: true, healthNote: '血压平稳' } });
    render(<VisitRecordForm />);
    expect(await screen.findByText('李四')).toBeTruthy();
    expect(screen.getByText('未取得本网格其他人员名单（无网络或网格仅您一人）')).toBeTruthy();
    fireEvent.click(screen.getByText('提交走访记录'));
    await waitFor(() => expect(services.sendVisit).toHaveBeenCalledTimes(1));
    expect(services.sendVisit.mock.calls[0]![1]).toMatchObject({ draftId: 'draft-pair-0001', companionId: 'acct-2' });
  });

  it('refuses a resident', async () => {
    Taro.setStorageSync('gongzhi.account', { id: 'r1', role: 'resident', roleLabel: '居民', name: '居民', scope: {} });
    render(<VisitRecordForm />);
    expect(await screen.findByText('走访记录仅供网格员、网格长填写')).toBeTruthy();
    expect(services.getPersonRecord).not.toHaveBeenCalled();
  });
});
