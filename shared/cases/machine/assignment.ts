import { addDuration } from '../../time/calendar';
import { startClock } from '../../time/sla';
import type { CaseEventOf } from '../events';
import type { Assignment, CaseError, CaseRecord } from '../types';
import { endHolding, holdingPatch } from './holdings';
import { dropUndefined, invalidEvent, iso, tierAudience, type Step, type Steps, type TransitionContext } from './step';

function assignmentConflict(leadUnitCode: string, cohandlers: { unitCode: string }[]): Record<string, string> | null {
  const seen = new Set<string>([leadUnitCode]);
  for (const [i, c] of cohandlers.entries()) {
    if (seen.has(c.unitCode)) return { [`cohandlers.${i}.unitCode`]: '协办单位不能与主办单位或其他协办单位重复' };
    seen.add(c.unitCode);
  }
  return null;
}

/** Who handles the case: dispatch and reassign by the centres, claim and return by the unit, escalation to the district. */
export const assignmentSteps: Steps<'dispatch' | 'reassign' | 'claim' | 'return' | 'escalate'> = {
  dispatch: (record, event, ctx) => assign(record, event, ctx),
  reassign: (record, event, ctx) => assign(record, event, ctx),

  claim: (record, event) => ({
    patch: { assignment: dropUndefined({ ...record.assignment, claimBy: undefined }) },
    note: event.note,
    notify: ['reporter', 'followers'],
  }),

  return: (record, event, ctx) => {
    // The unit says the case is not theirs: it leaves the unit and waits for the centre again.
    // The stage clock restarts; the case clock does not, and the unit's holding is on record.
    const held = holdingPatch(record, endHolding(record, 'returned', ctx.now, ctx.calendar));
    return {
      patch: { assignment: { cohandlers: [] }, clock: startClock('dispatch', ctx.subcategory.stages.dispatch.limit, ctx.now, ctx.calendar), ...held.patch },
      note: event.reason,
      data: { unitCode: record.assignment.leadUnitCode ?? null, ...held.data },
      notify: [tierAudience(record)],
    };
  },

  escalate: (_record, event) => ({ patch: { tier: 'district' }, note: event.reason, notify: ['district'] }),
};

/** A lead unit (and cohandlers) given the case, with a fresh handle clock; a reassignment ends the previous unit's holding. */
function assign(record: CaseRecord, event: CaseEventOf<'dispatch' | 'reassign'>, ctx: TransitionContext): Step | CaseError {
  const { now, subcategory, calendar } = ctx;
  const conflict = assignmentConflict(event.leadUnitCode, event.cohandlers);
  if (conflict) return invalidEvent(conflict);
  const assignment: Assignment = {
    leadUnitCode: event.leadUnitCode,
    leadUnitType: event.leadUnitType,
    cohandlers: event.cohandlers,
    claimBy: addDuration(now, subcategory.stages.claim.limit, calendar),
  };
  const clock = startClock('handle', subcategory.stages.handle.limit, now, calendar);
  const held = event.type === 'reassign' ? holdingPatch(record, endHolding(record, 'reassigned', now, calendar)) : { patch: {}, data: {} };
  return {
    patch: { assignment, clock, ...held.patch },
    note: event.type === 'reassign' ? event.reason : event.note,
    data: {
      ...(event.type === 'reassign' && record.assignment.leadUnitCode ? { previousLeadUnitCode: record.assignment.leadUnitCode } : {}),
      leadUnitCode: event.leadUnitCode,
      leadUnitType: event.leadUnitType,
      cohandlers: event.cohandlers.map((c) => c.unitCode),
      deadline: iso(clock.deadline),
      ...held.data,
    },
    notify: ['lead_unit', ...(event.cohandlers.length ? (['cohandlers'] as const) : []), 'reporter'],
  };
}
