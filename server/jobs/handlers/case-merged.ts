import type { JobHandler } from './types';

/**
 * A duplicate was merged: its reporter and its "me too" followers now follow the case it was
 * merged into (their interest is redirected there). The target records the job's key in the same
 * update as the followers, so a re-run adds no one twice.
 */
export const caseMergedHandler: JobHandler<'case.merged'> = async (job, deps) => {
  const duplicate = await deps.followers.partiesOf(job.effect.caseId);
  if (!duplicate) throw new Error(`合并来源案件 ${job.effect.caseId} 不存在`);
  const outcome = await deps.followers.addFollowersOnce(job.effect.intoCaseId, [duplicate.reporterId, ...duplicate.followerIds], job.id);
  if (outcome === 'missing') throw new Error(`合并目标案件 ${job.effect.intoCaseId} 不存在`);
};
