import type { JobHandler } from './types';

/**
 * A case write's counted events go to the statistics projection. The store records each event
 * under its own key (`caseId:seq`) and skips one already recorded or folded, so a re-run after a
 * crash counts nothing twice; the fold step adds them to the counters a few seconds later.
 */
export const statsCountHandler: JobHandler<'stats.count'> = async (job, deps) => {
  await deps.stats.record(job.effect.events);
};
