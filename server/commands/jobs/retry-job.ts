import type { Actor } from '../../../shared/domain/roles';
import { jobErrors } from '../../errors';
import type { Job, JobCommandDeps } from '../ports';
import { requireJobAdmin } from './access';

/**
 * Puts a parked (failed) job back in the queue, due now, with its attempts from 0, and records who
 * did it. Safe to repeat: handlers are idempotent by the job's key. A job that is not failed is
 * refused (409): retrying a pending or done job would only race the runner.
 */
export async function retryJob(deps: JobCommandDeps, actor: Actor, id: string): Promise<Job> {
  requireJobAdmin(actor);
  if (!(await deps.jobs.retry(id, actor.id, deps.now()))) {
    const job = await deps.jobs.findById(id);
    if (!job) throw jobErrors.notFound();
    throw jobErrors.notFailed(job.status);
  }
  return (await deps.jobs.findById(id))!;
}
