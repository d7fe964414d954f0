import { countWaitingBallots } from '../commands/polls/count';
import type { PollCommandDeps } from '../commands/ports';
import type { PeriodicStep, RunnerLog } from './runner';

/** How often waiting ballots are looked at: a live poll's results move within this, an ended poll's become final within it. */
export const pollCountEveryMs = 5_000;

/** The ballot count (ARCHITECTURE.md, "Poll ballots") as a periodic step of the job runner. */
export function pollCountStep(deps: Pick<PollCommandDeps, 'polls' | 'now'>, log: RunnerLog, everyMs = pollCountEveryMs): PeriodicStep {
  return {
    name: 'poll-count',
    everyMs,
    async run() {
      const pass = await countWaitingBallots(deps);
      if (pass.ballots > 0) log.info(pass, '议题计票：已计入选票');
      return pass.ballots > 0;
    },
  };
}
