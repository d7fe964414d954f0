import type { Subcategory } from '../catalog/types';
import type { Actor } from '../domain/roles';
import { addDuration, type WorkingCalendar } from '../time/calendar';
import {
  clockConsumedMs,
  dueClockEvents,
  markClockEvent,
  nextClockCheckAt,
  pauseClock,
  resumeClock,
  startClock,
  type ClockEventKind,
  type StageClock,
} from '../time/sla';
import type { ZodError } from 'zod';
import { caseEventBodySchemas, caseEventSchema, caseEventTypes, type CaseEvent, type CaseEventInput, type CaseEventType } from './events';
import { caseEventRules, checkEventRule, MAX_SUSPENSION_DAYS, MAX_SUSPENSION_MS } from './rules';
import type { CaseStatus } from './states';
import type {
  Assignment,
  Audience,
  CaseError,
  CaseRecord,
  Effect,
  JsonValue,
  SuspendableStatus,
  TimelineEntry,
  TransitionResult,
} from './types';

/** What a transition needs besides the case and the event. The subcategory is from the case's catalog version. */
export interface TransitionContext {
  actor: Actor;
  now: Date;
  subcategory: Subcategory;
  calendar: WorkingCalendar;
}

/** The parts of a transition that differ per event; `commit` turns them into the next record. */
interface Step {
  /** Fields that change; a field set to `undefined` is removed from the record. */
  patch: Partial<CaseRecord>;
  note?: string;
  photos?: string[];
  data?: { [key: string]: JsonValue };
  notify: Audience[];
  effects?: Effect[];
}

/**
 * Applies an event to a case: the one way a case changes after filing. Pure: reads no clock, does
 * no I/O and never mutates `record`; the caller stores `next` (if its version still matches) and
 * hands `effects` to the outbox.
 * @returns the next record (version + 1, timeline + entry), the new timeline entry and the effects;
 * or a refusal with a stable code (`case.invalid_event`, `case.illegal_transition`,
 * `case.forbidden`, `case.not_due`, `case.photos_required`, `case.reopen_window_passed`,
 * `case.reopen_limit_reached`, `case.already_rated`) and a Chinese message.
 */
export function transition(record: CaseRecord, input: CaseEventInput, ctx: TransitionContext): TransitionResult {
  const parsed = caseEventSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalidEvent(issuesToDetails(parsed.error.issues)) };
  const decision = decideEvent(record, parsed.data.type, ctx);
  return decision.ok ? decision.apply(parsed.data) : decision;
}

/** The machine's answer to "may this actor cause this event now": refused, or allowed with the way on. */
export type EventDecision =
  | { ok: false; error: CaseError }
  | {
      ok: true;
      /** Parses a request body with the event's one body schema; field problems come back as zod's error. */
      parse(body: unknown): { ok: true; event: CaseEvent } | { ok: false; error: ZodError };
      /** Applies the (parsed) event: the next record, its timeline entry and effects, or a refusal of the payload. */
      apply(event: CaseEvent): TransitionResult;
    };

/**
 * Decides once whether `ctx.actor` may cause `type` on `record` now (the rules table), and only
 * then offers to parse and apply the body: a refused actor learns nothing from validation answers,
 * and a server that checks references between parsing and applying decides and parses once.
 */
export function decideEvent(record: CaseRecord, type: CaseEventType, ctx: TransitionContext): EventDecision {
  assertSubcategoryOf(record, ctx.subcategory);
  const refusal = checkEventRule(record, ctx.actor, type, ctx.now);
  if (refusal) return { ok: false, error: refusal };
  return {
    ok: true,
    parse(body) {
      const parsed = caseEventBodySchemas[type].safeParse(body);
      return parsed.success ? { ok: true, event: { ...parsed.data, type } as CaseEvent } : { ok: false, error: parsed.error };
    },
    apply(event) {
      if (event.type !== type) throw new Error(`decided on ${type}, asked to apply ${event.type}`);
      const step = reduce(record, event, ctx);
      if ('code' in step) return { ok: false, error: step };
      return commit(record, event.type, step, ctx);
    },
  };
}

/**
 * The events `actor` may cause on `record` at `now`: the server's authorization and the app's
 * buttons. `transition` succeeds for exactly these types, given a valid payload.
 */
export function allowedEvents(record: CaseRecord, actor: Actor, now: Date): CaseEventType[] {
  return caseEventTypes.filter((type) => checkEventRule(record, actor, type, now) === null);
}

const clockEventTypes: Record<ClockEventKind, CaseEventType & ('warn' | 'overdue' | 'auto_escalate')> = {
  warn: 'warn',
  overdue: 'overdue',
  escalate: 'auto_escalate',
};

/**
 * The events the scheduler must send now, in order, as the `system` actor: the clock's warning,
 * overdue and escalation once each, and the end of an expired suspension. Thresholds are instants
 * fixed with the calendar when the clock started or resumed, so no calendar is needed here.
 */
export function dueSystemEvents(record: CaseRecord, now: Date): CaseEvent[] {
  if (record.status === 'suspended') {
    return record.suspension && record.suspension.until.getTime() <= now.getTime() ? [{ type: 'resume' }] : [];
  }
  if (!record.clock || !caseEventRules.warn.from.includes(record.status)) return [];
  return dueClockEvents(record.clock, now).map((kind) => ({ type: clockEventTypes[kind] }));
}

/**
 * The earliest instant the scheduler must look at the case again (next clock threshold or end of
 * suspension), or null if nothing will become due by itself. The server indexes cases by it.
 */
export function nextSystemCheckAt(record: CaseRecord): Date | null {
  if (record.status === 'suspended') return record.suspension?.until ?? null;
  if (!record.clock || !caseEventRules.warn.from.includes(record.status)) return null;
  return nextClockCheckAt(record.clock);
}

/** What the platform knows of a new report once the server has located it and checked the reporter. */
export type FileCaseInput = Pick<
  CaseRecord,
  | 'id'
  | 'number'
  | 'catalogVersion'
  | 'title'
  | 'description'
  | 'location'
  | 'address'
  | 'streetCode'
  | 'gridCode'
  | 'compoundCode'
  | 'buildingCode'
  | 'source'
  | 'reporter'
  | 'photos'
>;

/**
 * Opens a case: status `submitted` at the street tier, with the accept clock running. Every case
 * starts at the street centre (一口受理); the district takes over by escalation. Refuses a report
 * without the photos or with an anonymity its subcategory does not allow.
 */
export function fileCase(input: FileCaseInput, ctx: TransitionContext): TransitionResult {
  const { subcategory, now, calendar } = ctx;
  if (subcategory.photoRequiredToFile && input.photos.length === 0) {
    return { ok: false, error: { code: 'case.photos_required', message: `「${subcategory.name}」须附现场照片` } };
  }
  if (input.reporter.anonymous && !subcategory.anonymousAllowed) {
    return { ok: false, error: { code: 'case.anonymous_not_allowed', message: `「${subcategory.name}」不能匿名上报` } };
  }
  const clock = startClock('accept', subcategory.stages.accept.limit, now, calendar);
  const entry: TimelineEntry = {
    seq: 1,
    type: 'file',
    actor: timelineActor(ctx.actor),
    at: now,
    note: input.description,
    ...(input.photos.length ? { photos: input.photos } : {}),
    data: { source: input.source, subcategoryCode: subcategory.code, deadline: iso(clock.deadline) },
  };
  const next: CaseRecord = dropUndefined({
    ...input,
    status: 'submitted',
    subcategoryCode: subcategory.code,
    categoryCode: subcategory.code.split('.')[0],
    priority: subcategory.priority,
    tier: 'street',
    assignment: { cohandlers: [] },
    clock,
    followers: 0,
    urgeCount: 0,
    supervised: false,
    reopenCount: 0,
    timeline: [entry],
    filedAt: now,
    updatedAt: now,
    version: 1,
  });
  return {
    ok: true,
    next,
    entry,
    effects: [
      { type: 'notify', audience: 'street', template: 'case.file', caseId: next.id },
      { type: 'clock.started', caseId: next.id, stage: clock.stage, deadline: clock.deadline },
      { type: 'publish', caseId: next.id, seq: 1 },
    ],
  };
}

function reduce(record: CaseRecord, event: CaseEvent, ctx: TransitionContext): Step | CaseError {
  const { now, subcategory, calendar } = ctx;
  const start = (stage: StageClock['stage']) => startClock(stage, subcategory.stages[stage].limit, now, calendar);
  const tier = tierAudience(record);

  switch (event.type) {
    case 'accept':
      return { patch: { clock: start('dispatch') }, note: event.note, notify: ['reporter'] };

    case 'reject':
      return { patch: { clock: null, closedAt: now }, note: event.reason, notify: ['reporter'] };

    case 'merge':
      if (event.intoCaseId === record.id) return invalidEvent({ intoCaseId: '不能合并到本案件自身' });
      return {
        patch: { clock: null, closedAt: now, mergedInto: event.intoCaseId },
        data: { intoCaseId: event.intoCaseId },
        notify: ['reporter'],
        effects: [{ type: 'case.merged', caseId: record.id, intoCaseId: event.intoCaseId }],
      };

    case 'dispatch':
    case 'reassign': {
      const conflict = assignmentConflict(event.leadUnitCode, event.cohandlers);
      if (conflict) return invalidEvent(conflict);
      const assignment: Assignment = {
        leadUnitCode: event.leadUnitCode,
        leadUnitType: event.leadUnitType,
        cohandlers: event.cohandlers,
        claimBy: addDuration(now, subcategory.stages.claim.limit, calendar),
      };
      const clock = start('handle');
      return {
        patch: { assignment, clock },
        note: event.type === 'reassign' ? event.reason : event.note,
        data: {
          ...(event.type === 'reassign' && record.assignment.leadUnitCode
            ? { previousLeadUnitCode: record.assignment.leadUnitCode }
            : {}),
          leadUnitCode: event.leadUnitCode,
          leadUnitType: event.leadUnitType,
          cohandlers: event.cohandlers.map((c) => c.unitCode),
          deadline: iso(clock.deadline),
        },
        notify: ['lead_unit', ...(event.cohandlers.length ? (['cohandlers'] as const) : []), 'reporter'],
      };
    }

    case 'claim':
      return {
        patch: { assignment: dropUndefined({ ...record.assignment, claimBy: undefined }) },
        note: event.note,
        notify: ['reporter', 'followers'],
      };

    case 'return':
      // The unit says the case is not theirs: it leaves the unit and waits for the centre again.
      return {
        patch: { assignment: { cohandlers: [] }, clock: start('dispatch') },
        note: event.reason,
        data: { unitCode: record.assignment.leadUnitCode ?? null },
        notify: [tier],
      };

    case 'escalate':
      return { patch: { tier: 'district' }, note: event.reason, notify: ['district'] };

    case 'progress':
      return { patch: {}, note: event.note, photos: event.photos, notify: ['reporter', 'followers'] };

    case 'resolve':
      if (subcategory.photoRequiredToClose && event.photos.length === 0) {
        return { code: 'case.photos_required', message: `「${subcategory.name}」回单须上传处置后照片` };
      }
      return {
        patch: { resolution: { note: event.note, photos: event.photos, at: now }, clock: start('verify') },
        note: event.note,
        photos: event.photos,
        notify: ['reporter', 'followers', tier],
      };

    case 'send_back':
      // The redone work is a new run of the handle stage, with a full limit; the overrun of the
      // first run, if any, stays on the timeline.
      return {
        patch: { resolution: undefined, clock: start('handle') },
        note: event.reason,
        notify: ['lead_unit'],
      };

    case 'verify':
      return { patch: {}, note: event.note, notify: [tier] };

    case 'close':
      return { patch: { clock: null, closedAt: now }, note: event.note, notify: ['reporter', 'followers', 'lead_unit'] };

    case 'suspend': {
      const ahead = event.until.getTime() - now.getTime();
      if (ahead <= 0 || ahead > MAX_SUSPENSION_MS) {
        return invalidEvent({ until: `挂起截止时间须晚于当前时间，且不超过${MAX_SUSPENSION_DAYS}天` });
      }
      return {
        patch: {
          suspension: {
            reason: event.reason,
            until: event.until,
            // The rules table lets only these statuses be suspended.
            previousStatus: record.status as SuspendableStatus,
            since: now,
          },
          clock: record.clock && pauseClock(record.clock, now, calendar),
        },
        note: event.reason,
        data: { until: event.until.toISOString() },
        notify: ['reporter', ...leadUnitIfAny(record)],
      };
    }

    case 'resume':
      return {
        patch: { suspension: undefined, clock: record.clock && resumeClock(record.clock, now, calendar) },
        note: event.note,
        notify: ['reporter', ...leadUnitIfAny(record)],
      };

    case 'reopen': {
      const { leadUnitCode } = record.assignment;
      if (!leadUnitCode) throw new Error(`invariant: closed case ${record.id} has no lead unit`);
      const clock = start('handle');
      return {
        patch: {
          reopenCount: record.reopenCount + 1,
          closedAt: undefined,
          resolution: undefined,
          // A rating judges one closing; the reopened case will be rated again when it closes.
          rating: undefined,
          assignment: { ...record.assignment, claimBy: addDuration(now, subcategory.stages.claim.limit, calendar) },
          clock,
        },
        note: event.reason,
        data: { leadUnitCode, deadline: iso(clock.deadline) },
        notify: ['lead_unit', ...cohandlersIfAny(record), tier],
      };
    }

    case 'rate':
      return {
        patch: {
          rating: dropUndefined({
            resolved: event.resolved,
            satisfaction: event.satisfaction,
            comment: event.comment,
            at: now,
          }),
        },
        note: event.comment,
        data: { resolved: event.resolved, satisfaction: event.satisfaction },
        notify: [...leadUnitIfAny(record), tier],
      };

    case 'urge':
      return { patch: { urgeCount: record.urgeCount + 1 }, note: event.note, notify: [ownerAudience(record)] };

    case 'supervise':
      return { patch: { supervised: true }, note: event.note, notify: [ownerAudience(record), 'street'] };

    case 'warn':
      return { patch: { clock: mark(record.clock, 'warn') }, data: clockData(record.clock), notify: [ownerAudience(record)] };

    case 'overdue':
      // An overrun is an automatic 催办 of the stage's owner, counted with the manual ones.
      return {
        patch: { clock: mark(record.clock, 'overdue'), urgeCount: record.urgeCount + 1 },
        data: clockData(record.clock),
        notify: [ownerAudience(record), tier],
      };

    case 'auto_escalate':
      return {
        patch: { clock: mark(record.clock, 'escalate'), tier: 'district', supervised: true },
        data: clockData(record.clock),
        notify: ['district', ownerAudience(record)],
      };

    default:
      return assertNever(event);
  }
}

function commit(record: CaseRecord, type: CaseEventType, step: Step, ctx: TransitionContext): TransitionResult {
  const { now } = ctx;
  const seq = (record.timeline.at(-1)?.seq ?? 0) + 1;
  const status = nextStatus(record, type);
  const entry: TimelineEntry = dropUndefined({
    seq,
    type,
    actor: timelineActor(ctx.actor),
    at: now,
    note: step.note,
    photos: step.photos?.length ? step.photos : undefined,
    data: status !== record.status ? { ...step.data, status } : step.data,
  });
  const next = dropUndefined({
    ...record,
    ...step.patch,
    status,
    timeline: [...record.timeline, entry],
    updatedAt: now,
    version: record.version + 1,
  }) as CaseRecord;

  const effects: Effect[] = [
    ...uniq(step.notify).map(
      (audience): Effect => ({ type: 'notify', audience, template: `case.${type}`, caseId: record.id }),
    ),
    ...clockEffects(record, next, ctx),
    ...(step.effects ?? []),
    { type: 'publish', caseId: record.id, seq },
  ];
  return { ok: true, next, entry, effects };
}

function nextStatus(record: CaseRecord, type: CaseEventType): CaseStatus {
  const { to } = caseEventRules[type];
  if (to === 'same') return record.status;
  if (to === 'previous') {
    if (!record.suspension) throw new Error(`invariant: suspended case ${record.id} has no suspension`);
    return record.suspension.previousStatus;
  }
  return to;
}

/** A stage clock ends when a new stage starts or the case closes; pauses are not stage changes. */
function clockEffects(before: CaseRecord, after: CaseRecord, ctx: TransitionContext): Effect[] {
  const old = before.clock;
  const fresh = after.clock;
  const sameRun = old && fresh && old.stage === fresh.stage && old.startedAt.getTime() === fresh.startedAt.getTime();
  if (sameRun) return [];
  const effects: Effect[] = [];
  if (old) {
    effects.push({
      type: 'clock.stopped',
      caseId: before.id,
      stage: old.stage,
      consumedMs: clockConsumedMs(old, ctx.now, ctx.calendar),
      overdue: old.overdue || (old.deadline !== null && old.deadline.getTime() <= ctx.now.getTime()),
    });
  }
  if (fresh) effects.push({ type: 'clock.started', caseId: before.id, stage: fresh.stage, deadline: fresh.deadline });
  return effects;
}

function assertSubcategoryOf(record: CaseRecord, subcategory: Subcategory): void {
  if (subcategory.code !== record.subcategoryCode) {
    throw new Error(`subcategory ${subcategory.code} given for case ${record.id} of ${record.subcategoryCode}`);
  }
}

function assignmentConflict(
  leadUnitCode: string,
  cohandlers: { unitCode: string }[],
): Record<string, string> | null {
  const seen = new Set<string>([leadUnitCode]);
  for (const [i, c] of cohandlers.entries()) {
    if (seen.has(c.unitCode)) return { [`cohandlers.${i}.unitCode`]: '协办单位不能与主办单位或其他协办单位重复' };
    seen.add(c.unitCode);
  }
  return null;
}

function tierAudience(record: CaseRecord): Audience {
  return record.tier === 'district' ? 'district' : 'street';
}

/** Who owes the current stage: the lead unit while it claims or handles, otherwise the supervising centre. */
function ownerAudience(record: CaseRecord): Audience {
  const stage = record.clock?.stage;
  return (stage === 'claim' || stage === 'handle') && record.assignment.leadUnitCode ? 'lead_unit' : tierAudience(record);
}

function leadUnitIfAny(record: CaseRecord): Audience[] {
  return record.assignment.leadUnitCode ? ['lead_unit'] : [];
}

function cohandlersIfAny(record: CaseRecord): Audience[] {
  return record.assignment.cohandlers.length ? ['cohandlers'] : [];
}

function mark(clock: StageClock | null, kind: ClockEventKind): StageClock {
  // The rules only allow clock events when the clock has the threshold due.
  if (!clock) throw new Error('invariant: clock event on a case without a clock');
  return markClockEvent(clock, kind);
}

function clockData(clock: StageClock | null): { [key: string]: JsonValue } | undefined {
  return clock ? { stage: clock.stage, deadline: iso(clock.deadline) } : undefined;
}

function timelineActor(actor: Actor): TimelineEntry['actor'] {
  return { id: actor.id, role: actor.role, name: actor.name };
}

function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

function invalidEvent(details: Record<string, string>): CaseError {
  return { code: 'case.invalid_event', message: '提交的内容不完整或不符合要求', details };
}

function issuesToDetails(issues: { path: PropertyKey[]; message: string; code: string }[]): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(root)';
    // zod's own wording for an unknown discriminator is English and internal.
    details[path] ??= path === 'type' ? '未知的事件类型' : issue.message;
  }
  return details;
}

function uniq<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function dropUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function assertNever(value: never): never {
  throw new Error(`unhandled event: ${JSON.stringify(value)}`);
}
