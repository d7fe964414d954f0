import { sendVisitReminders, type VisitReminderDeps } from '../commands/visits/reminders';
import type { VisitCategorySource } from '../commands/ports';
import type { PeriodicStep, RunnerLog } from './runner';

/** Reminders are about days; every 10 minutes keeps a 24-hour escalation on time to the quarter hour. */
export const visitReminderEveryMs = 10 * 60_000;

/** The visit reminders (server/commands/visits/reminders.ts) as a periodic step of the job runner. */
export function visitReminderStep(deps: VisitReminderDeps, log: RunnerLog, everyMs = visitReminderEveryMs, categories?: VisitCategorySource): PeriodicStep {
  return {
    name: 'visit-reminders',
    everyMs,
    async run() {
      // The list in force may have been published since the last run (by any process).
      await categories?.refresh();
      const sent = await sendVisitReminders(deps);
      if (sent > 0) log.info({ sent }, '入户走访：已发送走访提醒');
      // Nothing waits in the queue for these: the runner need not look again at once.
      return false;
    },
  };
}
