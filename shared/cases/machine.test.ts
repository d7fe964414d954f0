import { describe, expect, it } from 'vitest';
import type { Actor } from '../domain/roles';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time/calendar';
import type { CaseEventInput } from './events';
import { allowedEvents, dueSystemEvents, fileCase, nextSystemCheckAt, transition, type FileCaseInput } from './machine';
import { MAX_REOPENS, REOPEN_WINDOW_DAYS } from './rules';
import { isClosed, statusGroup } from './states';
import { bj, buildActor, buildCase, buildContext, buildSubcategory, fixtures, T0 } from './testing';
import type { CaseRecord, Effect, TransitionResult } from './types';

const sub = buildSubcategory();
const later = new Date(T0.getTime() + HOUR_MS);

const streetDispatcher = buildActor('street_dispatcher');
const districtDispatcher = buildActor('district_dispatcher');
const gridMember = buildActor('grid_member');
const gridLeader = buildActor('grid_leader');
const leadUnit = buildActor('property_manager');
const cohandlerUnit = buildActor('department');
const reporter = buildActor('resident');
const system = buildActor('system');

function act(record: CaseRecord, actor: Actor, event: CaseEventInput, now: Date = later): TransitionResult {
  return transition(record, event, buildContext(actor, now, sub));
}

function ok(result: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result;
}

function refusal(result: TransitionResult) {
  if (result.ok) throw new Error(`expected a refusal, got ${result.next.status}`);
  return result.error;
}

const audiences = (effects: Effect[]) =>
  effects.flatMap((e) => (e.type === 'notify' ? [e.audience] : []));
const effectTypes = (effects: Effect[]) => effects.map((e) => e.type);

describe('every transition', () => {
  it('bumps the version, stamps updatedAt and appends one timeline entry that it also publishes', () => {
    const record = buildCase();
    const result = ok(act(record, streetDispatcher, { type: 'accept', note: '已受理' }));
    expect(result.next.version).toBe(record.version + 1);
    expect(result.next.updatedAt).toEqual(later);
    expect(result.next.timeline).toEqual([...record.timeline, result.entry]);
    expect(result.entry).toEqual({
      seq: 2,
      type: 'accept',
      actor: { id: streetDispatcher.id, role: 'street_dispatcher', name: streetDispatcher.name },
      at: later,
      note: '已受理',
      data: { caseDeadline: result.next.caseClock!.deadline!.toISOString(), status: 'accepted' },
    });
    expect(result.effects.at(-1)).toEqual({ type: 'publish', caseId: record.id, seq: 2 });
  });

  it('rejects an unknown event type with a field detail in Chinese', () => {
    const error = refusal(act(buildCase(), streetDispatcher, { type: 'teleport' } as unknown as CaseEventInput));
    expect(error).toMatchObject({ code: 'case.invalid_event', details: { type: '未知的事件类型' } });
  });

  it('refuses to run with a subcategory other than the case’s own', () => {
    expect(() =>
      transition(buildCase(), { type: 'accept' }, buildContext(streetDispatcher, later, buildSubcategory({ code: '01.01' }))),
    ).toThrow(/subcategory/);
  });

  it('checks the status before the actor, so a stale button reads as an illegal transition', () => {
    expect(refusal(act(buildCase({ status: 'closed' }), reporter, { type: 'accept' })).code).toBe('case.illegal_transition');
    expect(refusal(act(buildCase(), reporter, { type: 'accept' }))).toEqual({
      code: 'case.forbidden',
      message: '您无权对该案件执行「受理」',
    });
  });
});

describe('fileCase', () => {
  const input: FileCaseInput = {
    id: 'case-9',
    number: 'BH20260309-0009',
    catalogVersion: 3,
    title: '电梯下坠',
    description: '电梯突然下坠',
    address: '3号楼',
    streetCode: fixtures.streetCode,
    gridCode: fixtures.gridCode,
    compoundCode: fixtures.compoundCode,
    source: 'resident_app',
    reporter: { accountId: fixtures.reporterId, role: 'resident', name: '王女士', anonymous: false },
    photos: [],
  };

  it('opens a submitted case at the street tier with the accept clock running', () => {
    const result = ok(fileCase(input, buildContext(reporter, T0, sub)));
    expect(result.next).toMatchObject({
      status: 'submitted',
      tier: 'street',
      categoryCode: '05',
      priority: 'danger',
      version: 1,
      followers: 0,
      reopenCount: 0,
      timeline: [result.entry],
    });
    expect(result.next.clock?.stage).toBe('accept');
    expect(result.next.clock?.deadline).toEqual(bj('2026-03-09T11:00'));
    expect(result.entry).toMatchObject({ seq: 1, type: 'file', note: '电梯突然下坠' });
    expect(effectTypes(result.effects)).toEqual(['notify', 'clock.started', 'stats.count', 'publish']);
  });

  it('refuses a report without photos when the subcategory requires them', () => {
    const strict = buildSubcategory({ photoRequiredToFile: true });
    expect(refusal(fileCase(input, buildContext(reporter, T0, strict))).code).toBe('case.photos_required');
    expect(refusal(fileCase({ ...input, source: 'grid_patrol' }, buildContext(reporter, T0, strict))).code).toBe('case.photos_required');
  });

  it('files a hotline or Open311 report without photos even where the app asks for them: those callers have no camera', () => {
    const strict = buildSubcategory({ photoRequiredToFile: true });
    for (const source of ['hotline', 'open311'] as const) expect(fileCase({ ...input, source }, buildContext(reporter, T0, strict)).ok, source).toBe(true);
  });

  it('refuses an anonymous report when the subcategory does not allow it', () => {
    const named = buildSubcategory({ anonymousAllowed: false });
    const anonymous = { ...input, reporter: { ...input.reporter, anonymous: true } };
    expect(refusal(fileCase(anonymous, buildContext(reporter, T0, named))).code).toBe('case.anonymous_not_allowed');
  });
});

describe('accept', () => {
  it('accepts a submitted case, stops the accept clock and starts the dispatch clock', () => {
    const result = ok(act(buildCase(), streetDispatcher, { type: 'accept' }));
    expect(result.next.status).toBe('accepted');
    expect(result.next.clock).toMatchObject({ stage: 'dispatch', startedAt: later, deadline: bj('2026-03-09T12:00') });
    expect(result.effects).toContainEqual({ type: 'notify', audience: 'reporter', template: 'case.accept', caseId: 'case-1' });
    expect(result.effects).toContainEqual(expect.objectContaining({ type: 'clock.stopped', stage: 'accept', consumedMs: HOUR_MS, overdue: false }));
    expect(result.effects).toContainEqual(expect.objectContaining({ type: 'clock.started', stage: 'dispatch' }));
  });

  it('lets the grid leader accept cases of his own grid only', () => {
    expect(ok(act(buildCase(), gridLeader, { type: 'accept' })).next.status).toBe('accepted');
    const otherLeader = buildActor('grid_leader', { gridCode: fixtures.otherGridCode });
    expect(refusal(act(buildCase(), otherLeader, { type: 'accept' })).code).toBe('case.forbidden');
    expect(refusal(act(buildCase(), gridMember, { type: 'accept' })).code).toBe('case.forbidden');
  });

  it('forbids the dispatcher of another street', () => {
    const other = buildActor('street_dispatcher', { streetCode: fixtures.otherStreetCode });
    expect(refusal(act(buildCase(), other, { type: 'accept' })).code).toBe('case.forbidden');
  });

  it('cannot accept a case twice', () => {
    expect(refusal(act(buildCase({ status: 'accepted' }), streetDispatcher, { type: 'accept' })).code).toBe(
      'case.illegal_transition',
    );
  });
});

describe('reject', () => {
  it('closes a submitted case as not accepted, with the reason on the timeline', () => {
    const result = ok(act(buildCase(), streetDispatcher, { type: 'reject', reason: '属于民事纠纷，建议走司法途径' }));
    expect(result.next).toMatchObject({ status: 'rejected', clock: null, closedAt: later });
    expect(isClosed(result.next.status)).toBe(true);
    expect(result.entry.note).toBe('属于民事纠纷，建议走司法途径');
    expect(audiences(result.effects)).toEqual(['reporter']);
  });

  it('requires a reason of at least two characters', () => {
    expect(refusal(act(buildCase(), streetDispatcher, { type: 'reject', reason: ' 否 ' }))).toMatchObject({
      code: 'case.invalid_event',
      details: { reason: '原因至少填写2个字' },
    });
  });

  it('is not the grid leader’s to decide', () => {
    expect(refusal(act(buildCase(), gridLeader, { type: 'reject', reason: '不属实' })).code).toBe('case.forbidden');
  });
});

describe('merge', () => {
  it('closes a duplicate into the original and asks for the follower to move over', () => {
    const result = ok(act(buildCase({ status: 'accepted' }), streetDispatcher, { type: 'merge', intoCaseId: 'case-0' }));
    expect(result.next).toMatchObject({ status: 'merged', mergedInto: 'case-0', clock: null, closedAt: later });
    expect(result.effects).toContainEqual({ type: 'case.merged', caseId: 'case-1', intoCaseId: 'case-0' });
  });

  it('cannot merge a case into itself', () => {
    expect(refusal(act(buildCase(), streetDispatcher, { type: 'merge', intoCaseId: 'case-1' }))).toMatchObject({
      code: 'case.invalid_event',
      details: { intoCaseId: '不能合并到本案件自身' },
    });
  });

  it('cannot merge a case already dispatched', () => {
    expect(refusal(act(buildCase({ status: 'dispatched' }), streetDispatcher, { type: 'merge', intoCaseId: 'case-0' })).code).toBe(
      'case.illegal_transition',
    );
  });
});

describe('dispatch', () => {
  const event: CaseEventInput = {
    type: 'dispatch',
    leadUnitCode: fixtures.leadUnit.unitCode,
    leadUnitType: fixtures.leadUnit.unitType,
    cohandlers: [fixtures.cohandler],
  };

  it('assigns lead unit and cohandlers and starts the handle clock as the case clock', () => {
    const result = ok(act(buildCase({ status: 'accepted' }), streetDispatcher, event));
    expect(result.next.status).toBe('dispatched');
    expect(result.next.assignment).toEqual({
      leadUnitCode: 'U-PM-001',
      leadUnitType: 'property_company',
      cohandlers: [fixtures.cohandler],
      claimBy: bj('2026-03-09T12:00'),
    });
    // 16 working hours from Monday 10:00: Monday 6 h, Tuesday 7.5 h, Wednesday 2.5 h.
    expect(result.next.clock).toMatchObject({ stage: 'handle', deadline: bj('2026-03-11T11:00') });
    expect(audiences(result.effects)).toEqual(['lead_unit', 'cohandlers', 'reporter']);
    expect(result.entry.data).toMatchObject({ leadUnitCode: 'U-PM-001', cohandlers: ['U-MARKET'] });
  });

  it('notifies no cohandlers when there are none', () => {
    const result = ok(act(buildCase({ status: 'accepted' }), streetDispatcher, { ...event, cohandlers: undefined }));
    expect(result.next.assignment.cohandlers).toEqual([]);
    expect(audiences(result.effects)).toEqual(['lead_unit', 'reporter']);
  });

  it('re-dispatches a case a unit returned', () => {
    expect(ok(act(buildCase({ status: 'returned' }), streetDispatcher, event)).next.status).toBe('dispatched');
  });

  it('refuses the lead unit as its own cohandler', () => {
    const error = refusal(act(buildCase({ status: 'accepted' }), streetDispatcher, { ...event, cohandlers: [fixtures.leadUnit] }));
    expect(error).toMatchObject({ code: 'case.invalid_event', details: { 'cohandlers.0.unitCode': expect.any(String) } });
  });

  it('refuses an unknown unit type', () => {
    const error = refusal(act(buildCase({ status: 'accepted' }), streetDispatcher, { ...event, leadUnitType: 'wizards' } as never));
    expect(error).toMatchObject({ code: 'case.invalid_event', details: { leadUnitType: '单位类型无效' } });
  });

  it('belongs to the district once the case is escalated', () => {
    const escalated = buildCase({ status: 'accepted', tier: 'district' });
    expect(refusal(act(escalated, streetDispatcher, event)).code).toBe('case.forbidden');
    expect(ok(act(escalated, districtDispatcher, event)).next.status).toBe('dispatched');
  });
});

describe('claim', () => {
  it('lets the lead unit take the case on; the handle clock keeps running', () => {
    const record = buildCase({ status: 'dispatched' });
    const result = ok(act(record, leadUnit, { type: 'claim', note: '已安排维保人员' }));
    expect(result.next.status).toBe('in_progress');
    expect(result.next.assignment.claimBy).toBeUndefined();
    expect('claimBy' in result.next.assignment).toBe(false);
    expect(result.next.clock).toBe(record.clock);
    expect(effectTypes(result.effects)).not.toContain('clock.started');
    expect(audiences(result.effects)).toEqual(['reporter', 'followers']);
  });

  it('is the lead unit’s alone: neither a cohandler nor another company may claim', () => {
    const record = buildCase({ status: 'dispatched', assignment: { leadUnitCode: 'U-PM-001', leadUnitType: 'property_company', cohandlers: [fixtures.cohandler] } });
    expect(refusal(act(record, cohandlerUnit, { type: 'claim' })).code).toBe('case.forbidden');
    expect(refusal(act(record, buildActor('property_manager', { unitCode: 'U-PM-002' }), { type: 'claim' })).code).toBe('case.forbidden');
  });
});

describe('return', () => {
  it('sends a wrongly dispatched case back to the centre, which must re-dispatch within its limit', () => {
    const result = ok(act(buildCase({ status: 'in_progress' }), leadUnit, { type: 'return', reason: '该电梯不属本物业管理' }));
    expect(result.next.status).toBe('returned');
    expect(result.next.assignment).toEqual({ cohandlers: [] });
    expect(result.next.clock?.stage).toBe('dispatch');
    expect(result.entry.data).toMatchObject({ unitCode: 'U-PM-001' });
    expect(audiences(result.effects)).toEqual(['street']);
  });

  it('tells the district when the district supervises', () => {
    const result = ok(act(buildCase({ status: 'dispatched', tier: 'district' }), leadUnit, { type: 'return', reason: '非本单位职责' }));
    expect(audiences(result.effects)).toEqual(['district']);
  });

  it('is not open to cohandlers', () => {
    const record = buildCase({ status: 'dispatched', assignment: { leadUnitCode: 'U-PM-001', cohandlers: [fixtures.cohandler] } });
    expect(refusal(act(record, cohandlerUnit, { type: 'return', reason: '非本单位职责' })).code).toBe('case.forbidden');
  });
});

describe('reassign', () => {
  it('moves the case to another unit with a fresh handle clock and records the previous unit', () => {
    const result = ok(
      act(buildCase({ status: 'in_progress' }), streetDispatcher, {
        type: 'reassign',
        leadUnitCode: 'U-ST01-URBAN',
        leadUnitType: 'urban_management',
        reason: '属城管职责',
      }),
    );
    expect(result.next.status).toBe('dispatched');
    expect(result.next.assignment.leadUnitCode).toBe('U-ST01-URBAN');
    expect(result.next.clock).toMatchObject({ stage: 'handle', startedAt: later });
    expect(result.entry.data).toMatchObject({ previousLeadUnitCode: 'U-PM-001', leadUnitCode: 'U-ST01-URBAN' });
    expect(effectTypes(result.effects)).toEqual(expect.arrayContaining(['clock.stopped', 'clock.started']));
  });

  it('requires a reason', () => {
    const error = refusal(
      act(buildCase({ status: 'returned' }), streetDispatcher, { type: 'reassign', leadUnitCode: 'U-X', leadUnitType: 'health' } as never),
    );
    expect(error.details).toHaveProperty('reason');
  });
});

describe('escalate', () => {
  it('hands a street case to the district tier without touching its status or clock', () => {
    const record = buildCase({ status: 'in_progress' });
    const result = ok(act(record, streetDispatcher, { type: 'escalate', reason: '需区市场监管局协调' }));
    expect(result.next).toMatchObject({ status: 'in_progress', tier: 'district' });
    expect(result.next.clock).toBe(record.clock);
    expect(audiences(result.effects)).toEqual(['district']);
  });

  it('leaves the street able to add notes only once escalated', () => {
    const escalated = buildCase({ status: 'in_progress', tier: 'district' });
    expect(allowedEvents(escalated, streetDispatcher, later)).toEqual(['progress']);
    expect(refusal(act(escalated, streetDispatcher, { type: 'escalate', reason: '再次上报' })).code).toBe('case.forbidden');
  });

  it('is for cases not yet resolved', () => {
    expect(refusal(act(buildCase({ status: 'resolved' }), streetDispatcher, { type: 'escalate', reason: '上报' })).code).toBe(
      'case.illegal_transition',
    );
  });
});

describe('progress', () => {
  const note: CaseEventInput = { type: 'progress', note: '已到现场核实', photos: ['p1'] };
  const withCohandler = (overrides: Partial<CaseRecord> = {}) =>
    buildCase({
      status: 'in_progress',
      assignment: { leadUnitCode: 'U-PM-001', leadUnitType: 'property_company', cohandlers: [fixtures.cohandler] },
      ...overrides,
    });

  it.each([
    ['the lead unit', leadUnit],
    ['a cohandler', cohandlerUnit],
    ['a grid member of the grid', gridMember],
    ['the committee of the compound', buildActor('community')],
    ['the street dispatcher', streetDispatcher],
    ['a district dispatcher', districtDispatcher],
  ])('lets %s tell the reporter and followers what happened', (_who, actor) => {
    const result = ok(act(withCohandler(), actor, note));
    expect(result.next.status).toBe('in_progress');
    expect(result.entry).toMatchObject({ type: 'progress', note: '已到现场核实', photos: ['p1'] });
    expect(audiences(result.effects)).toEqual(['reporter', 'followers']);
  });

  it('lets the street add notes even after escalation, and anyone concerned while suspended', () => {
    expect(act(withCohandler({ tier: 'district' }), streetDispatcher, note).ok).toBe(true);
    expect(act(buildCase({ status: 'suspended' }), leadUnit, note).ok).toBe(true);
  });

  it.each([
    ['the reporter', reporter],
    ['an administrator', buildActor('admin')],
    ['the committee of another compound', buildActor('community', { compoundCodes: ['C999'] })],
    ['a grid member of another grid', buildActor('grid_member', { gridCode: fixtures.otherGridCode })],
  ])('forbids %s', (_who, actor) => {
    expect(refusal(act(withCohandler(), actor, note)).code).toBe('case.forbidden');
  });

  it('cannot be added to a closed case', () => {
    expect(refusal(act(buildCase({ status: 'closed' }), districtDispatcher, note)).code).toBe('case.illegal_transition');
  });

  it('leaves photos off the entry when there are none', () => {
    const result = ok(act(withCohandler(), leadUnit, { type: 'progress', note: '联系厂家中' }));
    expect(result.entry).not.toHaveProperty('photos');
  });
});

describe('resolve', () => {
  it('records the resolution and starts the verify clock', () => {
    const result = ok(act(buildCase({ status: 'in_progress' }), leadUnit, { type: 'resolve', note: '已更换控制板', photos: ['after-1'] }));
    expect(result.next.status).toBe('resolved');
    expect(result.next.resolution).toEqual({ note: '已更换控制板', photos: ['after-1'], at: later });
    expect(result.next.clock?.stage).toBe('verify');
    expect(audiences(result.effects)).toEqual(['reporter', 'followers', 'street']);
  });

  it('requires photos when the subcategory’s closing standard does', () => {
    expect(refusal(act(buildCase({ status: 'in_progress' }), leadUnit, { type: 'resolve', note: '已修复' }))).toMatchObject({
      code: 'case.photos_required',
      message: '「电梯故障」回单须上传处置后照片',
    });
  });

  it('accepts no photos when the subcategory does not require them', () => {
    const lenient = buildSubcategory({ photoRequiredToClose: false });
    const result = transition(buildCase({ status: 'in_progress' }), { type: 'resolve', note: '已处理' }, buildContext(leadUnit, later, lenient));
    expect(ok(result).next.resolution?.photos).toEqual([]);
  });

  it('must come from a claimed case', () => {
    expect(refusal(act(buildCase({ status: 'dispatched' }), leadUnit, { type: 'resolve', note: '已修复', photos: ['a'] })).code).toBe(
      'case.illegal_transition',
    );
  });
});

describe('send_back', () => {
  it('returns failed work to the lead unit with a fresh handle clock', () => {
    const result = ok(act(buildCase({ status: 'resolved' }), gridMember, { type: 'send_back', reason: '电梯仍有异响' }));
    expect(result.next.status).toBe('in_progress');
    expect(result.next.resolution).toBeUndefined();
    expect(result.next.clock).toMatchObject({ stage: 'handle', startedAt: later });
    expect(audiences(result.effects)).toEqual(['lead_unit']);
  });

  it('is not the lead unit’s to judge', () => {
    expect(refusal(act(buildCase({ status: 'resolved' }), leadUnit, { type: 'send_back', reason: '再看看' })).code).toBe('case.forbidden');
  });
});

describe('verify and close', () => {
  it('lets the grid member confirm on site, keeping the verify clock until closing', () => {
    const record = buildCase({ status: 'resolved' });
    const result = ok(act(record, gridMember, { type: 'verify', note: '现场核实已恢复' }));
    expect(result.next.status).toBe('verified');
    expect(result.next.clock).toBe(record.clock);
    expect(audiences(result.effects)).toEqual(['street']);
  });

  it('closes a verified case, stopping the clock, and invites the reporter to rate', () => {
    const result = ok(act(buildCase({ status: 'verified' }), streetDispatcher, { type: 'close' }));
    expect(result.next).toMatchObject({ status: 'closed', clock: null, closedAt: later });
    expect(audiences(result.effects)).toEqual(['reporter', 'followers', 'lead_unit']);
    expect(result.effects).toContainEqual(expect.objectContaining({ type: 'clock.stopped', stage: 'verify' }));
  });

  it('keeps closing for the centres', () => {
    expect(refusal(act(buildCase({ status: 'verified' }), gridMember, { type: 'close' })).code).toBe('case.forbidden');
    expect(refusal(act(buildCase({ status: 'resolved' }), streetDispatcher, { type: 'close' })).code).toBe('case.illegal_transition');
  });

  it('keeps verification at the district for an escalated case', () => {
    const escalated = buildCase({ status: 'resolved', tier: 'district' });
    expect(refusal(act(escalated, streetDispatcher, { type: 'verify' })).code).toBe('case.forbidden');
    expect(act(escalated, districtDispatcher, { type: 'verify' }).ok).toBe(true);
    expect(act(escalated, gridMember, { type: 'verify' }).ok).toBe(true);
  });
});

describe('suspend and resume', () => {
  const suspend = (until: Date): CaseEventInput => ({ type: 'suspend', reason: '等待厂家配件', until });

  it('pauses the clock and remembers the status to return to', () => {
    const result = ok(act(buildCase({ status: 'in_progress' }), streetDispatcher, suspend(bj('2026-03-16T09:00'))));
    expect(result.next.status).toBe('suspended');
    expect(statusGroup(result.next.status)).toBe('paused');
    expect(result.next.suspension).toEqual({ reason: '等待厂家配件', until: bj('2026-03-16T09:00'), previousStatus: 'in_progress', since: later });
    expect(result.next.clock).toMatchObject({ runningSince: null, consumedMs: HOUR_MS, deadline: null });
    expect(result.entry.data).toMatchObject({ until: '2026-03-16T01:00:00.000Z' });
    expect(audiences(result.effects)).toEqual(['reporter', 'lead_unit']);
    expect(effectTypes(result.effects)).not.toContain('clock.stopped');
  });

  it('accepts an until of exactly thirty days, and nothing later or in the past', () => {
    const record = buildCase({ status: 'accepted' });
    expect(act(record, streetDispatcher, suspend(new Date(later.getTime() + 30 * DAY_MS))).ok).toBe(true);
    expect(refusal(act(record, streetDispatcher, suspend(new Date(later.getTime() + 30 * DAY_MS + 1)))).details).toHaveProperty('until');
    expect(refusal(act(record, streetDispatcher, suspend(later))).code).toBe('case.invalid_event');
    expect(refusal(act(record, streetDispatcher, { type: 'suspend', reason: '等待', until: 'not a date' } as never)).details).toHaveProperty('until');
  });

  it('accepts until as an ISO string, as the API receives it', () => {
    const result = act(buildCase({ status: 'accepted' }), streetDispatcher, { type: 'suspend', reason: '等待配件', until: '2026-03-20T09:00:00+08:00' });
    expect(ok(result).next.suspension?.until).toEqual(bj('2026-03-20T09:00'));
  });

  it('cannot suspend a case awaiting verification', () => {
    expect(refusal(act(buildCase({ status: 'resolved' }), streetDispatcher, suspend(bj('2026-03-16T09:00')))).code).toBe(
      'case.illegal_transition',
    );
  });

  it('holds a hotline case resumed to the centre’s date, which did not stop while we waited', () => {
    const centreDate = bj('2026-03-13T10:00');
    const suspended = ok(act(buildCase({ status: 'dispatched', source: 'hotline', externalDeadline: centreDate }), streetDispatcher, suspend(bj('2026-03-20T09:00')))).next;
    const result = ok(act(suspended, districtDispatcher, { type: 'resume' }, bj('2026-03-12T10:00')));
    expect(result.next.clock).toMatchObject({ runningSince: bj('2026-03-12T10:00'), deadline: centreDate });
  });

  it('resumes into the previous status with the deadline moved by the suspension', () => {
    const suspended = ok(act(buildCase({ status: 'dispatched' }), streetDispatcher, suspend(bj('2026-03-20T09:00')))).next;
    const result = ok(act(suspended, districtDispatcher, { type: 'resume' }, bj('2026-03-12T10:00')));
    expect(result.next.status).toBe('dispatched');
    expect(result.next.suspension).toBeUndefined();
    // 1 h of 16 was used on Monday; the 15 h left run from Thursday 10:00 to Monday 10:00 (weekend skipped).
    expect(result.next.clock).toMatchObject({ runningSince: bj('2026-03-12T10:00'), deadline: bj('2026-03-16T10:00') });
    expect(audiences(result.effects)).toEqual(['reporter', 'lead_unit']);
  });

  it('lets the system resume only once the suspension has expired', () => {
    const suspended = buildCase({ status: 'suspended' });
    const until = suspended.suspension!.until;
    expect(refusal(act(suspended, system, { type: 'resume' }, new Date(until.getTime() - 1))).code).toBe('case.not_due');
    expect(ok(act(suspended, system, { type: 'resume' }, until)).next.status).toBe('in_progress');
  });
});

describe('reopen', () => {
  const closed = (overrides: Partial<CaseRecord> = {}) =>
    buildCase({ status: 'closed', rating: { resolved: 'no', satisfaction: 1, at: T0 }, ...overrides });
  const reopen: CaseEventInput = { type: 'reopen', reason: '电梯又出现下坠' };

  it('sends the case back to the same lead unit with a fresh handle clock', () => {
    const result = ok(act(closed(), reporter, reopen, new Date(T0.getTime() + 2 * DAY_MS)));
    expect(result.next).toMatchObject({ status: 'dispatched', reopenCount: 1, assignment: { leadUnitCode: 'U-PM-001' } });
    expect(result.next.closedAt).toBeUndefined();
    expect(result.next.rating).toBeUndefined();
    expect(result.next.resolution).toBeUndefined();
    expect(result.next.clock?.stage).toBe('handle');
    expect(audiences(result.effects)).toEqual(['lead_unit', 'street']);
  });

  it(`is open for ${REOPEN_WINDOW_DAYS} days after closing and not a moment longer`, () => {
    const edge = new Date(T0.getTime() + REOPEN_WINDOW_DAYS * DAY_MS);
    expect(act(closed(), reporter, reopen, edge).ok).toBe(true);
    expect(refusal(act(closed(), reporter, reopen, new Date(edge.getTime() + 1)))).toMatchObject({
      code: 'case.reopen_window_passed',
      message: '结案已超过7天，不能申请重办，请重新上报',
    });
  });

  it(`allows at most ${MAX_REOPENS} reopenings`, () => {
    expect(refusal(act(closed({ reopenCount: MAX_REOPENS }), reporter, reopen)).code).toBe('case.reopen_limit_reached');
  });

  it('holds a hotline 发回重办 to the centre deadline, and lets no resident set one', () => {
    const hotline = buildActor('system', undefined, { id: 'hotline-12345' });
    const fromHotline = closed({ source: 'hotline', reporter: { accountId: 'hotline-12345', role: 'system', name: '来电人', anonymous: false } });
    const at = bj('2026-03-10T09:00');
    const deadline = bj('2026-03-10T11:00');
    const result = ok(act(fromHotline, hotline, { ...reopen, deadline }, at));
    expect(result.next.clock?.deadline).toEqual(deadline);
    expect(result.next.externalDeadline).toEqual(deadline);
    expect(refusal(act(closed(), reporter, { ...reopen, deadline }, at))).toMatchObject({ code: 'case.invalid_event', details: { deadline: '只有热线接口可以指定重办时限' } });
  });

  it('is the reporter’s alone', () => {
    const neighbour = buildActor('resident', {}, { id: 'resident-2' });
    expect(refusal(act(closed(), neighbour, reopen)).code).toBe('case.forbidden');
    expect(refusal(act(closed(), districtDispatcher, reopen)).code).toBe('case.forbidden');
  });

  it('does not apply to rejected or merged cases', () => {
    expect(refusal(act(buildCase({ status: 'rejected' }), reporter, reopen)).code).toBe('case.illegal_transition');
    expect(refusal(act(buildCase({ status: 'merged' }), reporter, reopen)).code).toBe('case.illegal_transition');
  });
});

describe('extend (a hotline centre’s approved 延期)', () => {
  const hotline = buildActor('system', undefined, { id: 'hotline-12345' });
  const extend = (deadline: Date): CaseEventInput => ({ type: 'extend', reason: '12345热线同意延期', deadline });

  it('moves the outside date and the clocks held to it, and is the hotline intake’s alone', () => {
    const record = buildCase({ status: 'in_progress', source: 'hotline', externalDeadline: bj('2026-03-20T09:00') });
    const result = ok(act(record, hotline, extend(bj('2026-03-27T09:00'))));
    expect(result.next.externalDeadline).toEqual(bj('2026-03-27T09:00'));
    expect(result.entry).toMatchObject({ type: 'extend', note: '12345热线同意延期', data: { deadline: '2026-03-27T01:00:00.000Z' } });
    expect(refusal(act(record, districtDispatcher, extend(bj('2026-03-27T09:00')))).code).toBe('case.forbidden');
  });

  it('refuses a date not later than the one it replaces, or already past', () => {
    const record = buildCase({ status: 'in_progress', source: 'hotline', externalDeadline: bj('2026-03-20T09:00') });
    expect(refusal(act(record, hotline, extend(bj('2026-03-20T09:00')))).details).toEqual({ deadline: '延期时限须晚于原时限' });
    expect(refusal(act(record, hotline, extend(new Date(later.getTime() - 1)))).details).toEqual({ deadline: '延期时限须晚于当前时间' });
  });
});

describe('rate', () => {
  const rate: CaseEventInput = { type: 'rate', resolved: 'partly', satisfaction: 3, comment: '基本解决' };

  it('records the reporter’s verdict once', () => {
    const result = ok(act(buildCase({ status: 'closed' }), reporter, rate));
    expect(result.next.rating).toEqual({ resolved: 'partly', satisfaction: 3, comment: '基本解决', at: later });
    expect(audiences(result.effects)).toEqual(['lead_unit', 'street']);
    expect(refusal(act(result.next, reporter, rate))).toMatchObject({ code: 'case.already_rated' });
  });

  it('leaves the comment out when none is given', () => {
    const result = ok(act(buildCase({ status: 'closed' }), reporter, { type: 'rate', resolved: 'yes', satisfaction: 5 }));
    expect(result.next.rating).not.toHaveProperty('comment');
  });

  it('checks satisfaction is 1 to 5', () => {
    expect(refusal(act(buildCase({ status: 'closed' }), reporter, { ...rate, satisfaction: 6 } as never)).details).toHaveProperty('satisfaction');
    expect(refusal(act(buildCase({ status: 'closed' }), reporter, { ...rate, satisfaction: 2.5 } as never)).details).toHaveProperty('satisfaction');
  });

  it('waits until the case is closed and is not for dispatchers', () => {
    expect(refusal(act(buildCase({ status: 'verified' }), reporter, rate)).code).toBe('case.illegal_transition');
    expect(refusal(act(buildCase({ status: 'closed' }), districtDispatcher, rate)).code).toBe('case.forbidden');
  });
});

describe('urge and supervise', () => {
  it('urges the lead unit of a case in hand and counts it', () => {
    const result = ok(act(buildCase({ status: 'in_progress', urgeCount: 1 }), streetDispatcher, { type: 'urge', note: '居民反映强烈' }));
    expect(result.next.urgeCount).toBe(2);
    expect(audiences(result.effects)).toEqual(['lead_unit']);
  });

  it('urges the centre when the case is not with a unit', () => {
    expect(audiences(ok(act(buildCase({ status: 'accepted' }), districtDispatcher, { type: 'urge' })).effects)).toEqual(['street']);
  });

  it('does not urge closed or suspended cases and is not for residents', () => {
    expect(refusal(act(buildCase({ status: 'closed' }), streetDispatcher, { type: 'urge' })).code).toBe('case.illegal_transition');
    expect(refusal(act(buildCase({ status: 'suspended' }), streetDispatcher, { type: 'urge' })).code).toBe('case.illegal_transition');
    expect(refusal(act(buildCase({ status: 'in_progress' }), reporter, { type: 'urge' })).code).toBe('case.forbidden');
  });

  it('puts a case under district supervision', () => {
    const result = ok(act(buildCase({ status: 'in_progress' }), districtDispatcher, { type: 'supervise', note: '限期办结' }));
    expect(result.next.supervised).toBe(true);
    expect(audiences(result.effects)).toEqual(['lead_unit', 'street']);
    expect(refusal(act(buildCase({ status: 'in_progress' }), streetDispatcher, { type: 'supervise' })).code).toBe('case.forbidden');
  });
});

describe('clock events', () => {
  // The handle clock of 16 working hours started Monday 09:00: warn at 12.8 h, overdue at 16 h, escalate at 24 h.
  const record = buildCase({ status: 'in_progress' });
  const warnAt = record.clock!.warnAt!;
  const deadline = record.clock!.deadline!;
  const escalateAt = record.clock!.escalateAt!;

  it('places the thresholds where the working calendar says', () => {
    // Monday 09:00–17:30 gives 7 h, Tuesday 7.5 h, Wednesday 7.5 h.
    expect([warnAt, deadline, escalateAt]).toEqual([bj('2026-03-10T15:48'), bj('2026-03-11T10:00'), bj('2026-03-12T10:30')]);
  });

  it('warns the owner once, when due', () => {
    expect(refusal(act(record, system, { type: 'warn' }, new Date(warnAt.getTime() - MINUTE_MS))).code).toBe('case.not_due');
    const result = ok(act(record, system, { type: 'warn' }, warnAt));
    expect(result.next.clock?.warned).toBe(true);
    expect(audiences(result.effects)).toEqual(['lead_unit']);
    expect(result.entry).toMatchObject({ actor: { id: 'system', role: 'system', name: '系统' }, data: { stage: 'handle' } });
    expect(refusal(act(result.next, system, { type: 'warn' }, deadline)).code).toBe('case.not_due');
  });

  it('turns an overrun into an automatic 催办 of the owner, told to the street too', () => {
    const result = ok(act(record, system, { type: 'overdue' }, deadline));
    expect(result.next.clock?.overdue).toBe(true);
    expect(result.next.urgeCount).toBe(record.urgeCount + 1);
    expect(audiences(result.effects)).toEqual(['lead_unit', 'street']);
  });

  it('escalates to the district and puts the case under supervision at 150%', () => {
    const result = ok(act(record, system, { type: 'auto_escalate' }, escalateAt));
    expect(result.next).toMatchObject({ tier: 'district', supervised: true, clock: { escalated: true } });
    expect(audiences(result.effects)).toEqual(['district', 'lead_unit']);
  });

  it('are the system’s alone', () => {
    expect(refusal(act(record, districtDispatcher, { type: 'overdue' }, deadline)).code).toBe('case.forbidden');
  });

  it('address the centre for stages the centre owns', () => {
    const accepted = buildCase({ status: 'accepted' });
    const result = ok(act(accepted, system, { type: 'overdue' }, accepted.clock!.deadline!));
    expect(audiences(result.effects)).toEqual(['street']);
  });
});

describe('dueSystemEvents and nextSystemCheckAt', () => {
  it('lists the clock events due, in order, and the instant to look again', () => {
    const record = buildCase({ status: 'in_progress' });
    expect(dueSystemEvents(record, T0)).toEqual([]);
    expect(nextSystemCheckAt(record)).toEqual(record.clock!.warnAt);
    expect(dueSystemEvents(record, record.clock!.deadline!)).toEqual([{ type: 'warn' }, { type: 'overdue' }]);
  });

  it('lets a scheduler drive a case through every threshold of both clocks exactly once, in time order', () => {
    // Handle 16 h and case 26 h, both from T0: thresholds at 12.8, 16, 20.8, 24, 26 and 39 working hours.
    let record = buildCase({ status: 'dispatched' });
    const fired: string[] = [];
    for (let check = nextSystemCheckAt(record); check; check = nextSystemCheckAt(record)) {
      for (const event of dueSystemEvents(record, check)) {
        record = ok(transition(record, event, buildContext(system, check, sub))).next;
        fired.push(event.type);
      }
    }
    expect(fired).toEqual(['warn', 'overdue', 'case_warn', 'auto_escalate', 'case_overdue', 'case_escalate']);
    expect(record).toMatchObject({ tier: 'district', supervised: true, urgeCount: 2 });
  });

  it('asks for a resume when a suspension expires, and nothing before', () => {
    const record = buildCase({ status: 'suspended' });
    const until = record.suspension!.until;
    expect(nextSystemCheckAt(record)).toEqual(until);
    expect(dueSystemEvents(record, new Date(until.getTime() - 1))).toEqual([]);
    expect(dueSystemEvents(record, until)).toEqual([{ type: 'resume' }]);
  });

  it('has nothing to do on a finished case', () => {
    for (const status of ['closed', 'rejected', 'merged'] as const) {
      const record = buildCase({ status });
      expect(nextSystemCheckAt(record)).toBeNull();
      expect(dueSystemEvents(record, new Date(T0.getTime() + 100 * DAY_MS))).toEqual([]);
    }
  });
});

describe('the clock across a weekend and a suspension', () => {
  it('moves the handle deadline by exactly the working time the case spent suspended', () => {
    // Dispatched Friday 16:00 with 16 working hours: Friday 1.5 h, Monday 7.5 h, Tuesday 7 h → Tuesday 17:00.
    const friday = bj('2026-03-06T16:00');
    const accepted = buildCase({ status: 'accepted' }, { at: bj('2026-03-06T15:00') });
    const dispatched = ok(
      act(accepted, streetDispatcher, { type: 'dispatch', leadUnitCode: 'U-PM-001', leadUnitType: 'property_company' }, friday),
    ).next;
    expect(dispatched.clock?.deadline).toEqual(bj('2026-03-10T17:00'));

    // Suspended Monday 10:00 (1.5 + 1.5 = 3 h used), resumed by the system Thursday 08:30 when it expires.
    const suspended = ok(act(dispatched, streetDispatcher, { type: 'suspend', reason: '等待业主委员会表决', until: bj('2026-03-12T08:30') }, bj('2026-03-09T10:00'))).next;
    expect(suspended.clock?.consumedMs).toBe(3 * HOUR_MS);
    expect(dueSystemEvents(suspended, bj('2026-03-11T10:00'))).toEqual([]);
    const resumed = ok(act(suspended, system, { type: 'resume' }, bj('2026-03-12T08:30'))).next;

    // 13 h left from Thursday 08:30: Thursday 7.5 h, Friday 5.5 h → Friday 15:30.
    expect(resumed.status).toBe('dispatched');
    expect(resumed.clock?.deadline).toEqual(bj('2026-03-13T15:30'));
    expect(dueSystemEvents(resumed, bj('2026-03-13T15:30')).map((e) => e.type)).toEqual(['warn', 'overdue']);
  });
});
