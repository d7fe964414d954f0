/**
 * Factories for tests of the case lifecycle, here and in the server. Pure and framework-free: no
 * vitest import, so any test runner or seed script can use them.
 */
import type { StageKey, Subcategory } from '../catalog/types';
import type { UnitType } from '../domain/places';
import { roleLabels, systemActor, type Actor, type Role, type Scope } from '../domain/roles';
import { chinaCalendar2026, DAY_MS, HOUR_MS, type WorkingCalendar } from '../time/calendar';
import { pauseClock, startClock, type StageClock } from '../time/sla';
import type { CaseEventInput, CaseEventType, UnitRef } from './events';
import { transition, type TransitionContext } from './machine';
import type { CaseStatus } from './states';
import type { CaseRecord, TransitionResult } from './types';

/** Monday 9 March 2026, 09:00 in Hefei: an ordinary working morning. */
export const T0 = new Date('2026-03-09T09:00:00+08:00');

/** Beijing wall-clock time `YYYY-MM-DDTHH:MM` as an instant. */
export function bj(local: string): Date {
  return new Date(`${local}:00+08:00`);
}

export const testCalendar: WorkingCalendar = chinaCalendar2026;

/** The places and units the factories use by default. */
export const fixtures = {
  streetCode: 'ST01',
  otherStreetCode: 'ST02',
  gridCode: 'ST01-G01',
  otherGridCode: 'ST01-G02',
  compoundCode: 'C001',
  reporterId: 'resident-1',
  leadUnit: { unitCode: 'U-PM-001', unitType: 'property_company' } satisfies UnitRef,
  cohandler: { unitCode: 'U-MARKET', unitType: 'market_supervision' } satisfies UnitRef,
  otherUnit: { unitCode: 'U-ST01-URBAN', unitType: 'urban_management' } satisfies UnitRef,
} as const;

const stageOwners: Record<StageKey, UnitType> = {
  accept: 'street_center',
  dispatch: 'street_center',
  claim: 'property_company',
  handle: 'property_company',
  verify: 'street_center',
};

const stageHours: Record<StageKey, number> = { accept: 2, dispatch: 2, claim: 2, handle: 16, verify: 8 };

/** A subcategory with working-hour limits (accept 2 h, dispatch 2 h, claim 2 h, handle 16 h, verify 8 h; case 26 h). */
export function buildSubcategory(overrides: Partial<Subcategory> = {}): Subcategory {
  const stages = Object.fromEntries(
    (Object.keys(stageHours) as StageKey[]).map((k) => [
      k,
      { owner: stageOwners[k], limit: { hours: stageHours[k], basis: 'working' as const } },
    ]),
  ) as Subcategory['stages'];
  return {
    code: '05.02',
    name: '电梯故障',
    description: '电梯停运、困人、异常下坠等',
    priority: 'danger',
    stages,
    // dispatch + handle + verify: one uninterrupted run.
    caseLimit: { hours: 26, basis: 'working' },
    cohandlers: ['market_supervision'],
    steps: ['物业现场核查', '维保单位维修', '市场监管部门督促'],
    closingStandard: '电梯恢复正常运行并经检验合格',
    photoRequiredToFile: false,
    photoRequiredToClose: true,
    anonymousAllowed: true,
    duplicateRadiusM: 50,
    ...overrides,
  };
}

const defaultScopes: Record<Role | 'system', Scope> = {
  resident: {},
  grid_member: { streetCode: fixtures.streetCode, gridCode: fixtures.gridCode },
  grid_leader: { streetCode: fixtures.streetCode, gridCode: fixtures.gridCode },
  community: { streetCode: fixtures.streetCode, compoundCodes: [fixtures.compoundCode] },
  property_manager: { unitCode: fixtures.leadUnit.unitCode },
  department: { unitCode: fixtures.cohandler.unitCode },
  street_dispatcher: { streetCode: fixtures.streetCode },
  district_dispatcher: {},
  admin: {},
  system: {},
};

/**
 * An actor of a role. Without a scope it answers for the fixtures' case: the resident is its
 * reporter, grid staff work its grid, the property manager is its lead unit, the department is
 * its cohandler, the street dispatcher serves its street.
 */
export function buildActor(role: Role | 'system', scope?: Scope, overrides: Partial<Actor> = {}): Actor {
  if (role === 'system') return { ...systemActor, ...overrides } as Actor;
  // Cast: tests may pass a scope a role would never have, to show that it grants nothing.
  return {
    id: role === 'resident' ? fixtures.reporterId : `${role}-1`,
    role,
    name: roleLabels[role],
    scope: scope ?? defaultScopes[role],
    ...overrides,
  } as Actor;
}

function clockOf(stage: StageKey, sub: Subcategory, at: Date): StageClock {
  return startClock(stage, sub.stages[stage].limit, at, testCalendar);
}

export interface BuildCaseOptions {
  /** When the current stage clock started (and the case was filed); defaults to {@link T0}. */
  at?: Date;
  subcategory?: Subcategory;
}

/**
 * A case in any status, with the fields that status implies (lead unit once dispatched, the stage
 * clock started at `at`, a resolution once resolved, a suspension when suspended…). Overrides win.
 */
export function buildCase(overrides: Partial<CaseRecord> = {}, options: BuildCaseOptions = {}): CaseRecord {
  const at = options.at ?? T0;
  const sub = options.subcategory ?? buildSubcategory();
  const status: CaseStatus = overrides.status ?? 'submitted';
  const lead = { leadUnitCode: fixtures.leadUnit.unitCode, leadUnitType: fixtures.leadUnit.unitType, cohandlers: [] };
  const resolution = { note: '已修复', photos: ['photo-after-1'], at };
  const closedAt = at;

  const byStatus: Record<CaseStatus, Partial<CaseRecord>> = {
    submitted: { clock: clockOf('accept', sub, at) },
    accepted: { clock: clockOf('dispatch', sub, at) },
    dispatched: { assignment: { ...lead, claimBy: new Date(at.getTime() + 2 * HOUR_MS) }, clock: clockOf('handle', sub, at) },
    in_progress: { assignment: lead, clock: clockOf('handle', sub, at) },
    resolved: { assignment: lead, resolution, clock: clockOf('verify', sub, at) },
    verified: { assignment: lead, resolution, clock: clockOf('verify', sub, at) },
    closed: { assignment: lead, resolution, clock: null, closedAt },
    returned: { clock: clockOf('dispatch', sub, at) },
    suspended: {
      assignment: lead,
      clock: pauseClock(clockOf('handle', sub, at), at, testCalendar),
      suspension: { reason: '等待配件', until: new Date(at.getTime() + 3 * DAY_MS), previousStatus: 'in_progress', since: at },
    },
    rejected: { clock: null, closedAt },
    merged: { clock: null, closedAt, mergedInto: 'case-0' },
  };

  const caseClock = status === 'submitted' || status === 'rejected' ? undefined : startClock('case', sub.caseLimit, at, testCalendar);
  const stoppedCaseClock = caseClock && pauseClock(caseClock, at, testCalendar);
  const clockOfCase: Partial<CaseRecord> = !caseClock
    ? {}
    : { caseClock: status === 'closed' || status === 'merged' || status === 'suspended' ? stoppedCaseClock : caseClock };

  return {
    id: 'case-1',
    number: 'BH20260309-0001',
    status,
    subcategoryCode: sub.code,
    categoryCode: sub.code.split('.')[0],
    catalogVersion: 1,
    priority: sub.priority,
    title: '电梯突然下坠',
    description: '3号楼2单元电梯运行中突然下坠，有居民受惊。',
    location: { lng: 117.29, lat: 31.79 },
    address: '包河区某小区3号楼2单元',
    streetCode: fixtures.streetCode,
    gridCode: fixtures.gridCode,
    compoundCode: fixtures.compoundCode,
    buildingCode: 'B03',
    source: 'resident_app',
    reporter: { accountId: fixtures.reporterId, role: 'resident', name: '王女士', phone: '13800000000', anonymous: false },
    photos: ['photo-1'],
    tier: 'street',
    assignment: { cohandlers: [] },
    followers: 0,
    urgeCount: 0,
    supervised: false,
    reopenCount: 0,
    timeline: [{ seq: 1, type: 'file', actor: { id: fixtures.reporterId, role: 'resident', name: '王女士' }, at }],
    filedAt: at,
    updatedAt: at,
    version: 1,
    clock: null,
    unitHoldings: [],
    ...clockOfCase,
    ...byStatus[status],
    ...overrides,
  };
}

/** The context of a transition with the test calendar and the default subcategory. */
export function buildContext(actor: Actor, now: Date, subcategory: Subcategory = buildSubcategory()): TransitionContext {
  return { actor, now, subcategory, calendar: testCalendar };
}

/**
 * A valid payload of each event type for `record` at `now`: what a well-behaved client would send.
 * Used to check that `transition` accepts exactly what `allowedEvents` offers.
 */
export function samplePayload(type: CaseEventType, record: CaseRecord, now: Date): CaseEventInput {
  const assignment = {
    leadUnitCode: fixtures.otherUnit.unitCode,
    leadUnitType: fixtures.otherUnit.unitType,
    cohandlers: [fixtures.cohandler],
  };
  const payloads: { [T in CaseEventType]: Extract<CaseEventInput, { type: T }> } = {
    accept: { type: 'accept' },
    reject: { type: 'reject', reason: '不属于受理范围' },
    dispatch: { type: 'dispatch', ...assignment },
    claim: { type: 'claim' },
    return: { type: 'return', reason: '不属于本单位职责' },
    reassign: { type: 'reassign', ...assignment, reason: '原单位非责任主体' },
    escalate: { type: 'escalate', reason: '涉及多个部门，需区中心协调' },
    progress: { type: 'progress', note: '已到现场核实', photos: ['photo-p1'] },
    resolve: { type: 'resolve', note: '已处置完毕', photos: ['photo-r1'] },
    send_back: { type: 'send_back', reason: '现场仍未恢复' },
    verify: { type: 'verify', note: '现场核实已解决' },
    close: { type: 'close' },
    suspend: { type: 'suspend', reason: '等待厂家配件', until: new Date(now.getTime() + 5 * DAY_MS) },
    resume: { type: 'resume' },
    reopen: { type: 'reopen', reason: '问题再次出现' },
    extend: { type: 'extend', reason: '热线中心同意延期', deadline: new Date(Math.max(now.getTime(), record.externalDeadline?.getTime() ?? 0) + 3 * DAY_MS) },
    merge: { type: 'merge', intoCaseId: `${record.id}-original` },
    rate: { type: 'rate', resolved: 'yes', satisfaction: 5, comment: '处理及时' },
    urge: { type: 'urge', note: '请尽快处理' },
    supervise: { type: 'supervise', note: '区中心督办' },
    warn: { type: 'warn' },
    overdue: { type: 'overdue' },
    auto_escalate: { type: 'auto_escalate' },
    publish_summary: { type: 'publish_summary', summary: '小区电梯故障，物业与维保单位正在处置', photos: record.photos.slice(0, 1) },
    case_warn: { type: 'case_warn' },
    case_overdue: { type: 'case_overdue' },
    case_escalate: { type: 'case_escalate' },
  };
  return payloads[type];
}

/** One step of a scripted story: who does what, when. */
export interface StoryStep {
  actor: Actor;
  event: CaseEventInput;
  at: Date;
}

/**
 * Runs events one after another, as the server would, and returns every result.
 * @throws with the refusal's code and message at the first step that is refused.
 */
export function runStory(
  record: CaseRecord,
  steps: StoryStep[],
  subcategory: Subcategory = buildSubcategory(),
): { record: CaseRecord; results: Extract<TransitionResult, { ok: true }>[] } {
  const results: Extract<TransitionResult, { ok: true }>[] = [];
  let current = record;
  for (const [i, step] of steps.entries()) {
    const result = transition(current, step.event, buildContext(step.actor, step.at, subcategory));
    if (!result.ok) {
      throw new Error(`step ${i + 1} (${step.event.type} by ${step.actor.role}) refused: ${result.error.code} ${result.error.message}`);
    }
    results.push(result);
    current = result.next;
  }
  return { record: current, results };
}

/** Freezes an object graph so that any mutation throws; Dates are frozen too (their setters still work, so compare with a clone). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
