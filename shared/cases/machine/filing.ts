import { startClock } from '../../time/sla';
import { sourcesThatPhotograph } from '../rules';
import type { CaseRecord, TimelineEntry, TransitionResult } from '../types';
import { statsEffects } from './commit';
import { dropUndefined, iso, timelineActor, type TransitionContext } from './step';

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
  | 'origin'
  | 'externalDeadline'
  | 'reporter'
  | 'photos'
>;

/**
 * Opens a case: status `submitted` at the street tier, with the accept clock running. Every case
 * starts at the street centre (一口受理); the district takes over by escalation. The case clock
 * (办结时限) starts at acceptance, not here. Refuses a report without the photos or with an
 * anonymity its subcategory does not allow.
 */
export function fileCase(input: FileCaseInput, ctx: TransitionContext): TransitionResult {
  const { subcategory, now, calendar } = ctx;
  if (subcategory.photoRequiredToFile && sourcesThatPhotograph.includes(input.source) && input.photos.length === 0) {
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
    unitHoldings: [],
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
      ...statsEffects(next, 1),
      { type: 'publish', caseId: next.id, seq: 1 },
    ],
  };
}
