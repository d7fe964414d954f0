import { dueSystemEvents, transition } from '../../../shared/cases/machine';
import { systemActor } from '../../../shared/domain/roles';
import type { CaseCommandDeps } from '../ports';
import { subcategoryOf } from './load-case';

/**
 * One scheduler pass: applies the clock events (warning, overdue → 催办, escalation) and expired
 * suspensions that are due. Safe with several server processes: each step is conditional on the
 * version read, so a step another process already applied is skipped, never applied twice.
 */
export async function runDueSystemEvents(
  deps: CaseCommandDeps,
  batch = 100,
  onFailure: (caseId: string, error: unknown) => void = () => {},
): Promise<{ found: number; applied: number; skipped: number; failed: number }> {
  const now = deps.now();
  const due = await deps.store.findDue(now, batch);
  let applied = 0;
  let skipped = 0;
  let failed = 0;
  for (let record of due) {
    // One broken case (say, its catalog version is missing) must not hold up every clock after it.
    try {
      const subcategory = await subcategoryOf(deps, record);
      for (const event of dueSystemEvents(record, now)) {
        const result = transition(record, event, { actor: systemActor, now, subcategory, calendar: deps.reference.calendar });
        if (!result.ok) break;
        if (!(await deps.store.replaceIfVersion(result.next, record.version))) {
          skipped += 1;
          break;
        }
        applied += 1;
        record = result.next;
      }
    } catch (error) {
      failed += 1;
      onFailure(record.id, error);
    }
  }
  return { found: due.length, applied, skipped, failed };
}

