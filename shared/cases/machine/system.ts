import { dueClockEvents, nextClockCheckAt, type ClockEventKind } from '../../time/sla';
import type { CaseEvent, CaseEventType } from '../events';
import { caseEventRules } from '../rules';
import type { CaseRecord } from '../types';

const stageClockEvents: Record<ClockEventKind, CaseEventType & ('warn' | 'overdue' | 'auto_escalate')> = {
  warn: 'warn',
  overdue: 'overdue',
  escalate: 'auto_escalate',
};

const caseClockEvents: Record<ClockEventKind, CaseEventType & ('case_warn' | 'case_overdue' | 'case_escalate')> = {
  warn: 'case_warn',
  overdue: 'case_overdue',
  escalate: 'case_escalate',
};

/**
 * The events the scheduler must send now, in order, as the `system` actor: each clock's warning,
 * overdue and escalation once each — the stage clock's first, then the case clock's — and the end
 * of an expired suspension. Thresholds are instants fixed with the calendar when a clock started
 * or resumed, so no calendar is needed here.
 */
export function dueSystemEvents(record: CaseRecord, now: Date): CaseEvent[] {
  if (record.status === 'suspended') {
    return record.suspension && record.suspension.until.getTime() <= now.getTime() ? [{ type: 'resume' }] : [];
  }
  if (!caseEventRules.warn.from.includes(record.status)) return [];
  return [
    ...(record.clock ? dueClockEvents(record.clock, now).map((kind) => ({ type: stageClockEvents[kind] })) : []),
    ...(record.caseClock ? dueClockEvents(record.caseClock, now).map((kind) => ({ type: caseClockEvents[kind] })) : []),
  ];
}

/**
 * The earliest instant the scheduler must look at the case again (next threshold of either clock,
 * or end of suspension), or null if nothing will become due by itself. The server indexes cases by it.
 */
export function nextSystemCheckAt(record: CaseRecord): Date | null {
  if (record.status === 'suspended') return record.suspension?.until ?? null;
  if (!caseEventRules.warn.from.includes(record.status)) return null;
  const candidates = [record.clock && nextClockCheckAt(record.clock), record.caseClock && nextClockCheckAt(record.caseClock)].filter(
    (at): at is Date => at instanceof Date,
  );
  return candidates.length ? new Date(Math.min(...candidates.map((at) => at.getTime()))) : null;
}
