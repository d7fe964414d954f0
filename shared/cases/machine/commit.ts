import { countedEventsOf } from '../../stats/derive';
import { clockConsumedMs } from '../../time/sla';
import type { CaseEventType } from '../events';
import { caseEventRules } from '../rules';
import type { CaseStatus } from '../states';
import type { CaseRecord, Effect, TimelineEntry, TransitionResult } from '../types';
import { dropUndefined, timelineActor, uniq, type Step, type TransitionContext } from './step';

/**
 * Turns an event's step into the next record: the new status from the rules table, one timeline
 * entry, version + 1, and the effects (notifications, clock changes, the step's own, publication).
 */
export function commit(record: CaseRecord, type: CaseEventType, step: Step, ctx: TransitionContext): TransitionResult {
  const { now } = ctx;
  const seq = (record.timeline.at(-1)?.seq ?? 0) + 1;
  const status = nextStatus(record, type);
  const data = status !== record.status ? { ...step.data, status } : step.data;
  const entry: TimelineEntry = dropUndefined({
    seq,
    type,
    actor: timelineActor(ctx.actor),
    at: now,
    note: step.note,
    photos: step.photos?.length ? step.photos : undefined,
    data: data && Object.keys(data).length ? data : undefined,
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
    ...uniq(step.notify).map((audience): Effect => ({ type: 'notify', audience, template: `case.${type}`, caseId: record.id })),
    ...clockEffects(record, next, ctx),
    ...(step.effects ?? []),
    ...statsEffects(next, seq),
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

/** What the statistics count of the entries from `fromSeq` on: one effect, or none when they count nothing. */
export function statsEffects(written: CaseRecord, fromSeq: number): Effect[] {
  const events = countedEventsOf(written, fromSeq);
  return events.length ? [{ type: 'stats.count', caseId: written.id, events }] : [];
}
