import type { CaseRecord, Effect } from '../../shared/cases/types';
import type { EffectContext, OutboxEntry } from './ports';

/** The key of the `index`-th effect of the write that produced `version` of a case. */
export const outboxKey = (caseId: string, version: number, index: number) => `${caseId}:${version}:${index}`;

/**
 * The outbox entries of one case write: each effect with its unique key and the routing facts of
 * the written record, so a handler that runs later resolves recipients as they were at that step.
 */
export function outboxEntriesOf(written: CaseRecord, effects: readonly Effect[], now: Date): OutboxEntry[] {
  const context = effectContextOf(written);
  return effects.map((effect, index) => ({ key: outboxKey(written.id, written.version, index), caseId: written.id, version: written.version, effect, context, at: now }));
}

/** The routing facts of a case as an effect's handler needs them: who to tell, in which street and tier. */
export function effectContextOf(record: CaseRecord): EffectContext {
  return {
    number: record.number,
    title: record.title,
    reporterId: record.reporter.accountId,
    streetCode: record.streetCode,
    tier: record.tier,
    ...(record.assignment.leadUnitCode ? { leadUnitCode: record.assignment.leadUnitCode } : {}),
    cohandlerUnitCodes: record.assignment.cohandlers.map((unit) => unit.unitCode),
  };
}
