/**
 * The case-level deadline (办结时限) cannot be gamed: returns, reassignments and send-backs restart
 * the stage clock, never the case clock; each unit's holding is recorded against it. Expected
 * instants are worked out by hand on the 2026 calendar (08:30–12:00, 13:30–17:30: 7.5 h a day).
 */
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../time/calendar';
import type { CaseEvent, CaseEventInput, UnitRef } from './events';
import { dueSystemEvents, nextSystemCheckAt, transition } from './machine';
import { bj, buildActor, buildCase, buildContext, buildSubcategory, fixtures } from './testing';
import type { CaseRecord } from './types';

const sub = buildSubcategory(); // dispatch 2 h, handle 16 h, case 26 h, working
const street = buildActor('street_dispatcher');
const system = buildActor('system');
const unitA = { unitCode: fixtures.leadUnit.unitCode, unitType: fixtures.leadUnit.unitType };
const unitB = { unitCode: fixtures.otherUnit.unitCode, unitType: fixtures.otherUnit.unitType };
const unitC = { unitCode: fixtures.cohandler.unitCode, unitType: fixtures.cohandler.unitType };
const staffOf = (unitCode: string) => buildActor('property_manager', { unitCode }, { id: `pm-${unitCode}` });

/** A scheduler and people acting in time order: before each human step, every system event due by then. */
function play(start: CaseRecord, steps: { at: Date; actor: ReturnType<typeof buildActor>; event: CaseEventInput }[], until: Date) {
  let record = start;
  const fired: { type: CaseEvent['type']; at: Date; record: CaseRecord }[] = [];
  const runSchedulerUntil = (limit: Date) => {
    for (let check = nextSystemCheckAt(record); check && check.getTime() <= limit.getTime(); check = nextSystemCheckAt(record)) {
      for (const event of dueSystemEvents(record, check)) {
        const result = transition(record, event, buildContext(system, check, sub));
        if (!result.ok) throw new Error(`${event.type}: ${result.error.message}`);
        record = result.next;
        fired.push({ type: event.type, at: check, record });
      }
    }
  };
  for (const step of steps) {
    runSchedulerUntil(step.at);
    const result = transition(record, step.event, buildContext(step.actor, step.at, sub));
    if (!result.ok) throw new Error(`${step.event.type}: ${result.error.message}`);
    record = result.next;
  }
  runSchedulerUntil(until);
  return { record, fired };
}

const dispatchTo = (unit: UnitRef): CaseEventInput => ({ type: 'dispatch', leadUnitCode: unit.unitCode, leadUnitType: unit.unitType });
const giveBack: CaseEventInput = { type: 'return', reason: '不属于本单位职责' };

describe('a case returned three times', () => {
  const filed = buildCase({ status: 'submitted' }, { at: bj('2026-03-09T09:00') });
  const { record, fired } = play(
    filed,
    [
      // Case clock from Monday 09:30: 26 working hours → Thursday 14:30; 80% Wednesday 16:48; 150% next Monday 11:00.
      { at: bj('2026-03-09T09:30'), actor: street, event: { type: 'accept' } },
      { at: bj('2026-03-09T10:00'), actor: street, event: dispatchTo(unitA) },
      { at: bj('2026-03-09T16:00'), actor: staffOf(unitA.unitCode), event: giveBack },
      { at: bj('2026-03-10T08:45'), actor: street, event: dispatchTo(unitB) },
      { at: bj('2026-03-10T15:00'), actor: staffOf(unitB.unitCode), event: giveBack },
      { at: bj('2026-03-10T16:30'), actor: street, event: dispatchTo(unitC) },
      { at: bj('2026-03-11T11:00'), actor: staffOf(unitC.unitCode), event: giveBack },
      // The fourth unit gets a fresh 16-hour stage: its own deadline is Friday 14:00.
      { at: bj('2026-03-11T11:30'), actor: street, event: dispatchTo(unitA) },
    ],
    bj('2026-03-16T11:00'),
  );

  it('is overdue and escalated at case level, although every stage restart gave a fresh stage limit', () => {
    expect(fired.map((f) => [f.type, f.at])).toEqual([
      ['warn', bj('2026-03-10T08:36')], // the second dispatch stage ran to 80% before the centre dispatched again
      ['case_warn', bj('2026-03-11T16:48')],
      ['case_overdue', bj('2026-03-12T14:30')],
      ['warn', bj('2026-03-13T09:18')],
      ['overdue', bj('2026-03-13T14:00')],
      ['case_escalate', bj('2026-03-16T11:00')],
    ]);
    const atCaseOverdue = fired.find((f) => f.type === 'case_overdue')!.record;
    expect(atCaseOverdue.clock).toMatchObject({ stage: 'handle', warned: false, overdue: false });
    expect(atCaseOverdue.caseClock).toMatchObject({ overdue: true, deadline: bj('2026-03-12T14:30') });
    // The stage clock alone would have escalated only on Monday 14:30 (24 h after Wednesday 11:30).
    expect(record.clock?.escalateAt).toEqual(bj('2026-03-16T14:30'));
    expect(record).toMatchObject({ tier: 'district', supervised: true, urgeCount: 2 });
  });

  it('records how long each unit held it before returning it, suspensions aside', () => {
    expect(record.unitHoldings).toEqual([
      { unitCode: unitA.unitCode, from: bj('2026-03-09T10:00'), to: bj('2026-03-09T16:00'), heldMs: 4.5 * HOUR_MS, outcome: 'returned' },
      { unitCode: unitB.unitCode, from: bj('2026-03-10T08:45'), to: bj('2026-03-10T15:00'), heldMs: 4.75 * HOUR_MS, outcome: 'returned' },
      { unitCode: unitC.unitCode, from: bj('2026-03-10T16:30'), to: bj('2026-03-11T11:00'), heldMs: 3.5 * HOUR_MS, outcome: 'returned' },
    ]);
    const returns = record.timeline.filter((entry) => entry.type === 'return');
    expect(returns.map((entry) => entry.data?.holding)).toEqual([
      { unitCode: unitA.unitCode, from: bj('2026-03-09T10:00').toISOString(), to: bj('2026-03-09T16:00').toISOString(), heldMs: 4.5 * HOUR_MS, outcome: 'returned' },
      { unitCode: unitB.unitCode, from: bj('2026-03-10T08:45').toISOString(), to: bj('2026-03-10T15:00').toISOString(), heldMs: 4.75 * HOUR_MS, outcome: 'returned' },
      { unitCode: unitC.unitCode, from: bj('2026-03-10T16:30').toISOString(), to: bj('2026-03-11T11:00').toISOString(), heldMs: 3.5 * HOUR_MS, outcome: 'returned' },
    ]);
  });
});

describe('the case clock', () => {
  const accepted = buildCase({ status: 'accepted' }, { at: bj('2026-03-09T09:00') });
  const act = (record: CaseRecord, actor: ReturnType<typeof buildActor>, event: CaseEventInput, at: Date) => {
    const result = transition(record, event, buildContext(actor, at, sub));
    if (!result.ok) throw new Error(result.error.message);
    return result.next;
  };

  it('starts at acceptance with the catalog case limit, in working time', () => {
    const next = act(buildCase(), street, { type: 'accept' }, bj('2026-03-09T09:00'));
    // 26 h: Monday 3 + 4, Tuesday 7.5, Wednesday 7.5 = 22, Thursday 3.5 → 25.5, then 0.5 h after 13:30.
    expect(next.caseClock).toMatchObject({ stage: 'case', limitMs: 26 * HOUR_MS, startedAt: bj('2026-03-09T09:00'), deadline: bj('2026-03-12T14:00') });
  });

  it('is not restarted by a reassignment or a send-back, and records the holding they end', () => {
    const dispatched = act(accepted, street, dispatchTo(unitA), bj('2026-03-09T10:00'));
    const reassigned = act(dispatched, street, { type: 'reassign', leadUnitCode: unitB.unitCode, leadUnitType: unitB.unitType, reason: '原单位非责任主体' }, bj('2026-03-09T14:00'));
    expect(reassigned.caseClock).toEqual(accepted.caseClock);
    expect(reassigned.unitHoldings).toEqual([
      { unitCode: unitA.unitCode, from: bj('2026-03-09T10:00'), to: bj('2026-03-09T14:00'), heldMs: 2.5 * HOUR_MS, outcome: 'reassigned' },
    ]);
    const unitBStaff = staffOf(unitB.unitCode);
    const claimed = act(reassigned, unitBStaff, { type: 'claim' }, bj('2026-03-09T15:00'));
    const resolved = act(claimed, unitBStaff, { type: 'resolve', note: '已修复', photos: ['photo-r1'] }, bj('2026-03-10T09:30'));
    expect(resolved.unitHoldings?.at(-1)).toEqual({ unitCode: unitB.unitCode, from: bj('2026-03-09T14:00'), to: bj('2026-03-10T09:30'), heldMs: 4.5 * HOUR_MS, outcome: 'resolved' });
    const sentBack = act(resolved, street, { type: 'send_back', reason: '现场仍未恢复' }, bj('2026-03-10T10:00'));
    expect(sentBack.clock?.startedAt).toEqual(bj('2026-03-10T10:00'));
    expect(sentBack.caseClock).toEqual(accepted.caseClock);
  });

  it('pauses with a suspension and moves its deadline by the working time suspended', () => {
    const inProgress = buildCase({ status: 'in_progress' }, { at: bj('2026-03-09T09:00') });
    const suspended = act(inProgress, street, { type: 'suspend', reason: '等待厂家配件', until: bj('2026-03-13T09:00') }, bj('2026-03-09T10:00'));
    expect(suspended.caseClock).toMatchObject({ runningSince: null, deadline: null, consumedMs: 1 * HOUR_MS });
    expect(nextSystemCheckAt(suspended)).toEqual(bj('2026-03-13T09:00'));
    const resumed = act(suspended, street, { type: 'resume' }, bj('2026-03-10T10:00'));
    // Was due Thursday 14:00; one working day (7.5 h) suspended → Friday 14:00.
    expect(resumed.caseClock).toMatchObject({ consumedMs: 1 * HOUR_MS, deadline: bj('2026-03-13T14:00') });
  });

  it('stops on closing, keeping the time used, and asks the scheduler for nothing', () => {
    const verified = buildCase({ status: 'verified' }, { at: bj('2026-03-09T09:00') });
    const closed = act(verified, street, { type: 'close' }, bj('2026-03-09T11:00'));
    expect(closed.caseClock).toMatchObject({ runningSince: null, consumedMs: 2 * HOUR_MS });
    expect(nextSystemCheckAt(closed)).toBeNull();
  });

  it('is left alone on a case accepted before the case clock existed', () => {
    const { caseClock: _, ...legacy } = buildCase({ status: 'in_progress' });
    expect(dueSystemEvents(legacy, bj('2026-04-30T09:00'))).toEqual([{ type: 'warn' }, { type: 'overdue' }, { type: 'auto_escalate' }]);
  });
});
