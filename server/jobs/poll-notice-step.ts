import { recordFinalResults, relayPollNotices, type PollNoticeDeps } from '../commands/polls/notices';
import { pollCountEveryMs } from './poll-count-step';
import type { PeriodicStep, RunnerLog } from './runner';

/**
 * Poll notices as a periodic step of the runner, after the count in the same pass: results that
 * became final are recorded as notices, then every pending notice is copied into the job queue.
 * A notice is therefore queued within one count interval of the change it tells of.
 */
export function pollNoticeStep(deps: PollNoticeDeps, log: RunnerLog, everyMs = pollCountEveryMs): PeriodicStep {
  return {
    name: 'poll-notices',
    everyMs,
    async run() {
      const results = await recordFinalResults(deps);
      const relayed = await relayPollNotices(deps);
      if (results + relayed > 0) log.info({ results, relayed }, '议题通知：已转入任务队列');
      return results + relayed > 0;
    },
  };
}
