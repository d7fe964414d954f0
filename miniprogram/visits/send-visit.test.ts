import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../services/http';

const services = vi.hoisted(() => ({ sendVisit: vi.fn() }));
vi.mock('../services/visits', () => ({ sendVisit: services.sendVisit }));

const { sendQueuedVisits, sendVisitDraft } = await import('./send-visit');
const { findVisitDraft, listVisitDrafts, keepVisitDraft } = await import('./draft-store');
const { newVisitDraft } = await import('./visit-draft');

const person = {
  id: 'vp_abcdefgh1234',
  name: '王*五',
  category: { code: 'elderly', name: '高龄老人' },
  compoundName: '万象公寓',
  risk: 'yellow',
} as Parameters<typeof newVisitDraft>[0];
const draft = (draftId = 'draft-0001-abc', personId = person.id) => newVisitDraft({ ...person, id: personId }, 'acct-1', draftId, new Date('2026-11-28T02:00:00Z'));
const body = (draftId = 'draft-0001-abc') => ({ draftId, visitedAt: '2026-11-28T02:00:00.000Z', method: 'in_person' as const, met: true, answers: { livesAlone: true }, nextRisk: 'yellow' as const, notifyDepartment: false });
const sent = { visit: { id: 'v1' }, replayed: false, case: null, notified: [] };

describe('sending a visit draft', () => {
  beforeEach(() => {
    localStorage.clear();
    services.sendVisit.mockReset();
  });

  it('drops the phone’s copy once the server has the visit', async () => {
    services.sendVisit.mockResolvedValue(sent);
    expect(await sendVisitDraft(draft(), body())).toEqual({ kind: 'sent', result: sent });
    expect(services.sendVisit).toHaveBeenCalledWith(person.id, body());
    expect(listVisitDrafts('acct-1')).toEqual([]);
  });

  it('keeps the draft with the exact body when no answer comes, and sends that body again later', async () => {
    services.sendVisit.mockRejectedValueOnce(new ApiError('network', '网络连接失败，请稍后重试', 0));
    const outcome = await sendVisitDraft(draft(), body());
    expect(outcome).toMatchObject({ kind: 'queued', draft: { status: 'queued', body: body(), lastError: '网络连接失败，请稍后重试' } });
    expect(findVisitDraft('acct-1', person.id)).toMatchObject({ status: 'queued', body: body() });

    services.sendVisit.mockResolvedValueOnce({ ...sent, replayed: true });
    expect(await sendQueuedVisits(listVisitDrafts('acct-1'))).toEqual({ sent: 1, left: 0 });
    expect(services.sendVisit).toHaveBeenLastCalledWith(person.id, body());
    expect(listVisitDrafts('acct-1')).toEqual([]);
  });

  it('keeps waiting on a busy server (5xx, 429) as on no network', async () => {
    services.sendVisit.mockRejectedValueOnce(new ApiError('http.503', '服务暂时不可用，请稍后重试', 503)).mockRejectedValueOnce(new ApiError('rate_limited', '操作太频繁', 429));
    expect((await sendVisitDraft(draft(), body())).kind).toBe('queued');
    expect((await sendVisitDraft(draft(), body())).kind).toBe('queued');
  });

  it('hands a refused field back to the form, editing again and without the frozen body', async () => {
    services.sendVisit.mockRejectedValue(new ApiError('validation', '请检查填写内容', 400, { fields: { 'answers.livesAlone': ['请回答：是否独居'] } }));
    const outcome = await sendVisitDraft(draft(), body());
    expect(outcome).toMatchObject({ kind: 'invalid', errors: { 'answers.livesAlone': '请回答：是否独居' }, draft: { status: 'editing' } });
    expect(findVisitDraft('acct-1', person.id)?.body).toBeUndefined();
  });

  it('marks as refused what the server will never take (the person no longer this account’s), kept for the visitor to see', async () => {
    services.sendVisit.mockRejectedValue(new ApiError('visit.forbidden', '无权查看或办理该人员的走访信息', 403));
    expect(await sendVisitDraft(draft(), body())).toMatchObject({ kind: 'refused', message: '无权查看或办理该人员的走访信息' });
    expect(findVisitDraft('acct-1', person.id)).toMatchObject({ status: 'refused' });
    // A refused draft is not sent again by 立即发送.
    expect(await sendQueuedVisits(listVisitDrafts('acct-1'))).toEqual({ sent: 0, left: 0 });
    expect(services.sendVisit).toHaveBeenCalledTimes(1);
  });

  it('keeps each account’s drafts apart', () => {
    keepVisitDraft(draft('draft-a-0001', 'vp_aaaaaaaa0001'));
    keepVisitDraft({ ...draft('draft-b-0001', 'vp_bbbbbbbb0001'), accountId: 'acct-2' });
    expect(listVisitDrafts('acct-1').map((d) => d.draftId)).toEqual(['draft-a-0001']);
    expect(listVisitDrafts('acct-2').map((d) => d.draftId)).toEqual(['draft-b-0001']);
  });
});
