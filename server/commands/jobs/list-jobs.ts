import type { Actor } from '../../../shared/domain/roles';
import type { JobStatus } from '../ports';
import { requireJobAdmin } from './access';
import type { Job, JobCommandDeps, Page } from '../ports';

/** A page of jobs in one status (failed ones by default: the dead letters), latest change first. */
export async function listJobs(deps: JobCommandDeps, actor: Actor, query: { status: JobStatus; limit: number; cursor?: string }): Promise<Page<Job>> {
  requireJobAdmin(actor);
  return deps.jobs.list(query.status, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
}
