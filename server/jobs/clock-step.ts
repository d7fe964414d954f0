import { runDueSystemEvents, type CaseCommandDeps } from '../commands/cases';
import type { PeriodicStep, RunnerLog } from './runner';

/** How often the clocks are checked; the catalog's shortest limits are hours, so 30 s is plenty. */
export const clockCheckEveryMs = 30_000;

/**
 * The clock check (warnings at 80 %, overdue → 催办 at 100 %, escalation → 督办 at 150 %, ends of
 * suspensions) as a periodic step of the runner. Each step goes through the use case, so it is a
 * version-guarded write that stores its own effects; several runners at once apply it once.
 */
export function clockCheckStep(commands: CaseCommandDeps, log: RunnerLog, batch = 100): PeriodicStep {
  return {
    name: 'clock',
    everyMs: clockCheckEveryMs,
    async run() {
      let appliedAny = false;
      // Drain in batches so a backlog after downtime is caught up within one step.
      for (;;) {
        const pass = await runDueSystemEvents(commands, batch, (caseId, error) => log.error({ err: error, caseId }, '时限检查：案件处理失败'));
        if (pass.applied > 0) log.info(pass, '时限检查：已处理到期节点');
        appliedAny ||= pass.applied > 0;
        // A full batch with progress may hide more; anything else waits for the next step.
        if (pass.found < batch || pass.applied === 0) return appliedAny;
      }
    },
  };
}
