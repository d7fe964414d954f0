import { purgeArchived, purgeOldAudit, type VisitPurgeDeps } from '../commands/visits/retention';
import type { PeriodicStep, RunnerLog } from './runner';

/** The retention period is counted in days: once an hour is prompt enough and costs one indexed query. */
export const visitPurgeEveryMs = 60 * 60_000;

/** The purge of archived people past the retention period, then of audit lines past theirs (server/commands/visits/retention.ts), as a periodic step. */
export function visitPurgeStep(deps: VisitPurgeDeps, log: RunnerLog, everyMs = visitPurgeEveryMs): PeriodicStep {
  return {
    name: 'visit-purge',
    everyMs,
    async run() {
      const purged = await purgeArchived(deps);
      const auditLines = await purgeOldAudit(deps);
      // Counts only: nothing of the register is logged.
      if (purged > 0) log.info({ purged }, '入户走访：已清除保存期限届满的归档人员信息');
      if (auditLines > 0) log.info({ auditLines }, '入户走访：已删除超过保存期限的审计记录');
      return false;
    },
  };
}
