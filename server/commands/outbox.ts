import type { CaseRecord, Effect } from '../../shared/cases/types';
import type { EffectContext, OutboxEntry } from './ports';

/** The key of the `index`-th effect of the write that produced `version` of a case. */
export const outboxKey = (caseId: string, version: number, index: number) => `${caseId}:${version}:${index}`;

/**
 * The outbox entries of one case write: each effect with its unique key and the routing facts of
 * the written record, so a handler that runs later resolves recipients as they were at that step.
 */
export function outboxEntriesOf(written: CaseRecord, effects: readonly Effect[], now: Date): OutboxEntry[] {
  const context: EffectContext = {
    number: written.number,
    title: written.title,
    reporterId: written.reporter.accountId,
    streetCode: written.streetCode,
    tier: written.tier,
    ...(written.assignment.leadUnitCode ? { leadUnitCode: written.assignment.leadUnitCode } : {}),
    cohandlerUnitCodes: written.assignment.cohandlers.map((unit) => unit.unitCode),
  };
  return effects.map((effect, index) => ({ key: outboxKey(written.id, written.version, index), caseId: written.id, version: written.version, effect, context, at: now }));
}
