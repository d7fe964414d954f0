import type { Actor } from '../domain/roles';
import { caseEventSchema, caseEventTypes, type CaseEvent, type CaseEventInput, type CaseEventType } from './events';
import { assignmentSteps } from './machine/assignment';
import { commit } from './machine/commit';
import { intakeSteps } from './machine/intake';
import { oversightSteps, pauseSteps } from './machine/oversight';
import { invalidEvent, issuesToDetails, type StepOf, type Steps, type TransitionContext } from './machine/step';
import { workSteps } from './machine/work';
import { checkEventRule } from './rules';
import type { CaseRecord, TransitionResult } from './types';

/**
 * The case machine. Its parts live in ./machine/: one module per group of event steps (intake,
 * assignment, work, pause and oversight), `commit` (status, timeline entry, effects), filing and
 * the scheduler's view (due system events). This module is the public face.
 */
export { fileCase, type FileCaseInput } from './machine/filing';
export { dueSystemEvents, nextSystemCheckAt } from './machine/system';
export type { TransitionContext } from './machine/step';

/** Every event's step; a missing or extra key does not compile. */
const steps: Steps<CaseEventType> = { ...intakeSteps, ...assignmentSteps, ...workSteps, ...pauseSteps, ...oversightSteps };

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
  if (ctx.subcategory.code !== record.subcategoryCode) {
    throw new Error(`subcategory ${ctx.subcategory.code} given for case ${record.id} of ${record.subcategoryCode}`);
  }
  const parsed = caseEventSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: invalidEvent(issuesToDetails(parsed.error.issues)) };
  const event: CaseEvent = parsed.data;

  const refusal = checkEventRule(record, ctx.actor, event.type, ctx.now);
  if (refusal) return { ok: false, error: refusal };

  // TypeScript cannot correlate a key of `steps` with the event of that type; the table's type guarantees it.
  const step = (steps[event.type] as StepOf<typeof event.type>)(record, event as never, ctx);
  if ('code' in step) return { ok: false, error: step };
  return commit(record, event.type, step, ctx);
}

/**
 * The events `actor` may cause on `record` at `now`: the server's authorization and the app's
 * buttons. `transition` succeeds for exactly these types, given a valid payload.
 */
export function allowedEvents(record: CaseRecord, actor: Actor, now: Date): CaseEventType[] {
  return caseEventTypes.filter((type) => checkEventRule(record, actor, type, now) === null);
}
