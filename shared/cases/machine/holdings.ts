import { elapsed, type WorkingCalendar } from '../../time/calendar';
import type { CaseRecord, JsonValue, UnitHolding } from '../types';

/**
 * The lead unit's holding that ends now, or null when no unit holds the case (nothing was
 * dispatched, or it was already returned). The holding started when the handle clock did —
 * dispatch, reassignment, send-back or reopening all start it — and suspensions inside it are
 * not the unit's time.
 */
export function endHolding(record: CaseRecord, outcome: UnitHolding['outcome'], now: Date, cal: WorkingCalendar): UnitHolding | null {
  const unitCode = record.assignment.leadUnitCode;
  if (!unitCode || record.clock?.stage !== 'handle') return null;
  const from = record.clock.startedAt;
  return { unitCode, from, to: now, heldMs: Math.max(0, elapsed(from, now, 'working', cal) - suspendedMs(record, from, now, cal)), outcome };
}

/** Working time inside suspensions between `from` and `to`, read from the timeline. */
function suspendedMs(record: CaseRecord, from: Date, to: Date, cal: WorkingCalendar): number {
  let total = 0;
  let since: Date | null = null;
  for (const entry of record.timeline) {
    if (entry.at.getTime() < from.getTime()) continue;
    if (entry.type === 'suspend') since = entry.at;
    if (entry.type === 'resume' && since) {
      total += elapsed(since, entry.at, 'working', cal);
      since = null;
    }
  }
  return since ? total + elapsed(since, to, 'working', cal) : total;
}

/** The record's holdings with `holding` appended, and the holding as timeline data. */
export function holdingPatch(record: CaseRecord, holding: UnitHolding | null): { patch: Partial<CaseRecord>; data: { [key: string]: JsonValue } } {
  if (!holding) return { patch: {}, data: {} };
  return {
    patch: { unitHoldings: [...(record.unitHoldings ?? []), holding] },
    data: {
      holding: {
        unitCode: holding.unitCode,
        from: holding.from.toISOString(),
        to: holding.to.toISOString(),
        heldMs: holding.heldMs,
        outcome: holding.outcome,
      },
    },
  };
}
