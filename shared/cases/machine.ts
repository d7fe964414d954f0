import type { Actor } from '../domain/roles';
import type { ZodError } from 'zod';
import { caseEventBodySchemas, caseEventSchema, caseEventTypes, type CaseEvent, type CaseEventInput, type CaseEventType } from './events';
import { assignmentSteps } from './machine/assignment';
import { commit } from './machine/commit';
import { intakeSteps } from './machine/intake';
import { oversightSteps, pauseSteps } from './machine/oversight';
import { invalidEvent, issuesToDetails, type StepOf, type Steps, type TransitionContext } from './machine/step';
import { workSteps } from './machine/work';
import { checkEventRule } from './rules';
import type { CaseError, CaseRecord, TransitionResult } from './types';

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
  assertSubcategoryOf(record, ctx);
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
  assertSubcategoryOf(record, ctx);
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
      // TypeScript cannot correlate a key of `steps` with the event of that type; the table's type guarantees it.
      const step = (steps[event.type] as StepOf<typeof event.type>)(record, event as never, ctx);
      if ('code' in step) return { ok: false, error: step };
      return commit(record, event.type, step, ctx);
    },
  };
}

function assertSubcategoryOf(record: CaseRecord, ctx: TransitionContext): void {
  if (ctx.subcategory.code !== record.subcategoryCode) {
    throw new Error(`subcategory ${ctx.subcategory.code} given for case ${record.id} of ${record.subcategoryCode}`);
  }
}

/**
 * The events `actor` may cause on `record` at `now`: the server's authorization and the app's
 * buttons. `transition` succeeds for exactly these types, given a valid payload.
 */
export function allowedEvents(record: CaseRecord, actor: Actor, now: Date): CaseEventType[] {
  return caseEventTypes.filter((type) => checkEventRule(record, actor, type, now) === null);
}
