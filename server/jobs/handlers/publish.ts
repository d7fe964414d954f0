import type { JobHandler } from './types';

/**
 * A new timeline entry is stored: tell live viewers (`case.changed` on the bus). The bus keeps
 * nothing, so a re-run after a crash publishes again with the same key; subscribers drop repeats
 * by key (or by `seq`, which they hold already).
 */
export const publishHandler: JobHandler<'publish'> = async (job, deps) => {
  await deps.bus.publish({ type: 'case.changed', key: job.id, caseId: job.effect.caseId, seq: job.effect.seq });
};
