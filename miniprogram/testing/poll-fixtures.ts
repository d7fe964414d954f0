import type { PollSummary, PollView } from '../services/polls';

/** Polls as the API sends them, with what a test does not care about filled in plausibly. */
export function pollView(overrides: Partial<PollView> = {}): PollView {
  return {
    id: 'p0000000000000001',
    status: 'open',
    phase: 'voting',
    title: '3号楼北侧建电动车棚',
    background: '3号楼北侧空地常年堆放杂物，楼道里停放电动车充电有火灾隐患，拟建车棚集中充电。',
    photos: [],
    scope: { kind: 'compound', compoundCode: 'C001' },
    scopeLabel: '滨湖花园',
    street: { code: 'ST01', name: '包公街道' },
    questions: [
      { id: 'q1', text: '是否同意建电动车棚？', kind: 'single', maxChoices: 1, options: [{ id: 'o1', text: '同意' }, { id: 'o2', text: '不同意' }] },
      {
        id: 'q2',
        text: '希望车棚具备哪些设施？',
        kind: 'multiple',
        maxChoices: 2,
        options: [{ id: 'o3', text: '充电桩' }, { id: 'o4', text: '监控' }, { id: 'o5', text: '灭火器' }],
      },
    ],
    votesPer: 'household',
    opensAt: '2026-03-20T00:00:00.000Z',
    closesAt: '2026-03-27T10:00:00.000Z',
    resultsVisibility: 'live',
    publicResults: true,
    quorum: 0.5,
    pass: { optionId: 'o1', threshold: 2 / 3, rule: 'at_least' },
    author: { name: '王主任', unit: { code: 'U01', name: '滨湖社区居委会' } },
    votes: 3,
    results: null,
    me: { canVote: true, refusal: null, voted: false, canComment: true, canManage: false, canEdit: false },
    decision: null,
    cancelReason: null,
    createdAt: '2026-03-19T00:00:00.000Z',
    version: 2,
    ...overrides,
  };
}

export function pollSummary(overrides: Partial<PollSummary> = {}): PollSummary {
  return {
    id: 'p0000000000000001',
    title: '3号楼北侧建电动车棚',
    phase: 'voting',
    scopeLabel: '滨湖花园',
    opensAt: '2026-03-20T00:00:00.000Z',
    closesAt: '2026-03-27T10:00:00.000Z',
    votesPer: 'household',
    votes: 3,
    voted: false,
    ...overrides,
  };
}
