import type { Actor, ActorOf } from '../domain/roles';
import { DAY_MS } from '../time/calendar';
import { dueClockEvents, type ClockEventKind } from '../time/sla';
import { caseEventLabels, type CaseEventType } from './events';
import { caseStatuses, caseStatusLabels, statusesIn, type CaseStatus } from './states';
import type { CaseError, CaseRecord, CaseSource } from './types';

/**
 * The channels whose filer stands at the place with a camera (the app, a grid patrol): a subcategory's
 * "photo to file" is asked of them. A hotline caller or an Open311 client has none to give, and a
 * poll's decision is not a sighting; their photos come with the work (回单), where closing asks for them.
 */
export const sourcesThatPhotograph: readonly CaseSource[] = ['resident_app', 'grid_patrol'];

/** A closed case may be reopened by its reporter within this many natural days of closing. */
export const REOPEN_WINDOW_DAYS = 7;
/** A case is reopened at most this many times; after that the reporter calls the hotline. */
export const MAX_REOPENS = 2;
/** Longest suspension at once, so that a case cannot be parked out of sight. */
export const MAX_SUSPENSION_DAYS = 30;
export const MAX_SUSPENSION_MS = MAX_SUSPENSION_DAYS * DAY_MS;

/**
 * Who may act on a case, relative to that case:
 * - reporter: the resident who filed it;
 * - lead_unit / cohandler: a property manager or department account of the lead / a cohandler unit;
 * - grid_staff / grid_leader: grid members and leaders / leaders only, of the case's grid;
 * - community: a residents' committee whose compounds include the case's compound;
 * - street: a street dispatcher of the case's street while the street tier supervises it;
 * - street_watch: the same dispatcher at either tier (once escalated the street only watches and notes);
 * - district: a district dispatcher, for every case;
 * - system: the platform's scheduler.
 * Administrators are none of these: they configure the platform but take no part in a case.
 */
export type Party =
  | 'reporter'
  | 'lead_unit'
  | 'cohandler'
  | 'grid_staff'
  | 'grid_leader'
  | 'community'
  | 'street'
  | 'street_watch'
  | 'district'
  | 'system';

type Guard = (record: CaseRecord, actor: Actor, now: Date) => CaseError | null;

/** Extra conditions some events need beyond status and party. */
export type GuardName =
  | 'not_rated'
  | 'reopenable'
  | 'expired_if_system'
  | 'warn_due'
  | 'overdue_due'
  | 'escalate_due'
  | 'case_warn_due'
  | 'case_overdue_due'
  | 'case_escalate_due';

export interface EventRule {
  from: readonly CaseStatus[];
  /** The status after the event: `same` keeps it, `previous` returns to the one before suspension. */
  to: CaseStatus | 'same' | 'previous';
  by: readonly Party[];
  when?: GuardName;
}

const OPEN = statusesIn('open');
const BEFORE_RESOLUTION: CaseStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'returned'];

/**
 * THE rules of the case lifecycle: for each event, the statuses it may start from, the status it
 * leads to, the parties who may cause it, and any extra condition. `allowedEvents` and `transition`
 * both read this table, so buttons, authorization and the machine agree.
 */
export const caseEventRules: Record<CaseEventType, EventRule> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['street', 'district', 'grid_leader'] },
  reject: { from: ['submitted'], to: 'rejected', by: ['street', 'district'] },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: ['street', 'district'] },
  dispatch: { from: ['accepted', 'returned'], to: 'dispatched', by: ['street', 'district'] },
  claim: { from: ['dispatched'], to: 'in_progress', by: ['lead_unit'] },
  return: { from: ['dispatched', 'in_progress'], to: 'returned', by: ['lead_unit'] },
  reassign: { from: ['dispatched', 'in_progress', 'returned'], to: 'dispatched', by: ['street', 'district'] },
  escalate: { from: BEFORE_RESOLUTION, to: 'same', by: ['street'] },
  progress: { from: [...OPEN, 'suspended'], to: 'same', by: ['lead_unit', 'cohandler', 'grid_staff', 'community', 'street_watch', 'district'] },
  resolve: { from: ['in_progress'], to: 'resolved', by: ['lead_unit'] },
  send_back: { from: ['resolved'], to: 'in_progress', by: ['grid_staff', 'street', 'district'] },
  verify: { from: ['resolved'], to: 'verified', by: ['grid_staff', 'street', 'district'] },
  close: { from: ['verified'], to: 'closed', by: ['street', 'district'] },
  suspend: { from: ['accepted', 'dispatched', 'in_progress'], to: 'suspended', by: ['street', 'district'] },
  resume: { from: ['suspended'], to: 'previous', by: ['street', 'district', 'system'], when: 'expired_if_system' },
  reopen: { from: ['closed'], to: 'dispatched', by: ['reporter'], when: 'reopenable' },
  rate: { from: ['closed'], to: 'same', by: ['reporter'], when: 'not_rated' },
  extend: { from: [...OPEN, 'suspended'], to: 'same', by: ['system'] },
  urge: { from: OPEN, to: 'same', by: ['street', 'district', 'system'] },
  supervise: { from: OPEN, to: 'same', by: ['district', 'system'] },
  warn: { from: OPEN, to: 'same', by: ['system'], when: 'warn_due' },
  overdue: { from: OPEN, to: 'same', by: ['system'], when: 'overdue_due' },
  auto_escalate: { from: OPEN, to: 'same', by: ['system'], when: 'escalate_due' },
  case_warn: { from: OPEN, to: 'same', by: ['system'], when: 'case_warn_due' },
  case_overdue: { from: OPEN, to: 'same', by: ['system'], when: 'case_overdue_due' },
  case_escalate: { from: OPEN, to: 'same', by: ['system'], when: 'case_escalate_due' },
  // The supervising centre vouches for what the public reads, at any point of the case's life but a merge.
  publish_summary: { from: caseStatuses.filter((s) => s !== 'merged'), to: 'same', by: ['street', 'district'] },
};

const isUnit = (a: Actor): a is ActorOf<'property_manager' | 'department'> => a.role === 'property_manager' || a.role === 'department';
const isGridStaff = (a: Actor): a is ActorOf<'grid_member' | 'grid_leader'> => a.role === 'grid_member' || a.role === 'grid_leader';

const parties: Record<Party, (record: CaseRecord, actor: Actor) => boolean> = {
  // A hotline order's filer is the hotline's intake (a system actor): it rates and reopens for the centre's caller.
  reporter: (r, a) => (a.role === 'resident' || (a.role === 'system' && r.source === 'hotline')) && a.id === r.reporter.accountId,
  lead_unit: (r, a) =>
    isUnit(a) && a.scope.unitCode !== undefined && a.scope.unitCode === r.assignment.leadUnitCode,
  cohandler: (r, a) =>
    isUnit(a) && r.assignment.cohandlers.some((c) => c.unitCode === a.scope.unitCode),
  grid_staff: (r, a) => isGridStaff(a) && a.scope.gridCode === r.gridCode,
  grid_leader: (r, a) => a.role === 'grid_leader' && a.scope.gridCode === r.gridCode,
  community: (r, a) =>
    a.role === 'community' && r.compoundCode !== undefined && (a.scope.compoundCodes ?? []).includes(r.compoundCode),
  street: (r, a) => a.role === 'street_dispatcher' && a.scope.streetCode === r.streetCode && r.tier === 'street',
  street_watch: (r, a) => a.role === 'street_dispatcher' && a.scope.streetCode === r.streetCode,
  district: (_r, a) => a.role === 'district_dispatcher',
  system: (_r, a) => a.role === 'system',
};

const clockDue =
  (which: 'clock' | 'caseClock', kind: ClockEventKind): Guard =>
  (record, _actor, now) => {
    const clock = record[which];
    return clock && dueClockEvents(clock, now).includes(kind) ? null : { code: 'case.not_due', message: '该时限节点尚未到达或已处理' };
  };

const guards: Record<GuardName, Guard> = {
  not_rated: (record) => (record.rating ? { code: 'case.already_rated', message: '该案件已评价，不能重复评价' } : null),
  reopenable: (record, _actor, now) => {
    if (record.reopenCount >= MAX_REOPENS) {
      return { code: 'case.reopen_limit_reached', message: `该案件已重办${MAX_REOPENS}次，如仍有问题请拨打12345热线` };
    }
    if (!record.closedAt || now.getTime() - record.closedAt.getTime() > REOPEN_WINDOW_DAYS * DAY_MS) {
      return { code: 'case.reopen_window_passed', message: `结案已超过${REOPEN_WINDOW_DAYS}天，不能申请重办，请重新上报` };
    }
    return null;
  },
  // People may resume early; the scheduler only once the suspension has run its course.
  expired_if_system: (record, actor, now) =>
    actor.role !== 'system' || (record.suspension && record.suspension.until.getTime() <= now.getTime())
      ? null
      : { code: 'case.not_due', message: '挂起期限尚未届满' },
  warn_due: clockDue('clock', 'warn'),
  overdue_due: clockDue('clock', 'overdue'),
  escalate_due: clockDue('clock', 'escalate'),
  case_warn_due: clockDue('caseClock', 'warn'),
  case_overdue_due: clockDue('caseClock', 'overdue'),
  case_escalate_due: clockDue('caseClock', 'escalate'),
};

/**
 * Why `actor` may not cause `type` on `record` at `now`, or null if the rules allow it. Checks
 * the status first, then the party, then the event's extra condition, so the error names the
 * first reason a person can act on.
 */
export function checkEventRule(record: CaseRecord, actor: Actor, type: CaseEventType, now: Date): CaseError | null {
  const rule = caseEventRules[type];
  if (!rule.from.includes(record.status)) {
    return {
      code: 'case.illegal_transition',
      message: `案件当前为「${caseStatusLabels[record.status]}」，不能${caseEventLabels[type]}`,
    };
  }
  if (!rule.by.some((p) => parties[p](record, actor))) {
    return { code: 'case.forbidden', message: `您无权对该案件执行「${caseEventLabels[type]}」` };
  }
  return rule.when ? guards[rule.when](record, actor, now) : null;
}

/** The parties `actor` plays on `record` (e.g. to show "you are the lead unit"). */
export function partiesOf(record: CaseRecord, actor: Actor): Party[] {
  return (Object.keys(parties) as Party[]).filter((p) => parties[p](record, actor));
}
