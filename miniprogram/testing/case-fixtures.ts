import type { CaseDetail, CaseSummary, FullCaseDetail, TimelineStep } from '../services/cases';

/** Cases as the API sends them, for component tests: override what a test is about. */
export function summary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'case-0001',
    number: 'BH20260320-000001',
    status: 'dispatched',
    statusLabel: '已派单',
    statusGroup: 'open',
    priority: 'danger',
    priorityLabel: '危险性',
    title: '电梯故障（万象公寓）',
    category: { code: '05', name: '物业管理' },
    subcategory: { code: '05.01', name: '电梯故障' },
    street: { code: 'ST01', name: '包公街道' },
    grid: { code: 'G0101', name: '第一网格' },
    compound: { code: 'C001', name: '万象公寓' },
    address: '包公街道 万象公寓',
    leadUnit: null,
    deadline: null,
    overdue: false,
    caseDeadline: null,
    caseOverdue: false,
    supervised: false,
    followers: 0,
    thumbnail: null,
    filedAt: '2026-03-20T01:00:00.000Z',
    updatedAt: '2026-03-20T01:00:00.000Z',
    ...overrides,
  };
}

export function step(seq: number, label = `步骤${seq}`): Extract<TimelineStep, { data: unknown }> {
  return {
    seq,
    type: 'progress',
    label,
    at: '2026-03-20T02:00:00.000Z',
    actor: { name: '王师傅', role: 'property_manager', roleLabel: '物业' },
    note: `${label}说明`,
    photos: [],
    data: {},
  };
}

export function fullDetail(overrides: Partial<FullCaseDetail> = {}): CaseDetail {
  return {
    ...summary(),
    view: 'full',
    relation: 'filer',
    catalogVersion: 1,
    source: 'resident_app',
    origin: null,
    tier: 'street',
    assignment: { leadUnit: null, cohandlers: [], claimBy: null },
    clock: null,
    caseClock: null,
    publicSummary: null,
    publicPhotos: [],
    closedAt: null,
    reopenCount: 0,
    urgeCount: 0,
    mergedInto: null,
    version: 3,
    description: '3栋电梯突然下坠',
    photos: [],
    location: null,
    buildingCode: null,
    reporter: { name: '高海文', anonymous: false, phone: null, isYou: true },
    suspension: null,
    resolution: null,
    rating: null,
    unitHoldings: [],
    timeline: [step(1, '上报')],
    allowedEvents: [],
    ...overrides,
  } as CaseDetail;
}
