import type { StatsStore } from '../commands/ports';
import type { PeriodicStep, RunnerLog } from './runner';

/** How often recorded events are folded into the counters: the dashboards are this far behind at most. */
export const statsFoldEveryMs = 10_000;
/** Events per fold: a batch touches at most a few hundred small counter documents. */
export const statsFoldBatch = 500;

/** The statistics fold (server/commands/stats/projection.ts) as a periodic step of the job runner. */
export function statsFoldStep(deps: { stats: StatsStore; now: () => Date }, log: RunnerLog, everyMs = statsFoldEveryMs, batch = statsFoldBatch): PeriodicStep {
  return {
    name: 'stats-fold',
    everyMs,
    async run() {
      const folded = await deps.stats.fold(batch, deps.now());
      if (folded > 0) log.info({ folded }, '统计：已汇总计数事件');
      return folded > 0;
    },
  };
}
