import { jobStatusLabels, type JobView } from '../../shared/schemas/jobs';
import type { Job } from '../commands/ports';

/** A job as the admin API shows it: what, for which case, where it stands, the last error. */
export function presentJob(job: Job): JobView {
  return {
    id: job.id,
    kind: job.kind,
    caseId: job.caseId,
    caseNumber: job.context.number,
    status: job.status,
    statusLabel: jobStatusLabels[job.status],
    attempts: job.attempts,
    dueAt: job.dueAt.toISOString(),
    ...(job.lastError ? { lastError: job.lastError } : {}),
    createdAt: job.createdAt.toISOString(),
    statusAt: job.statusAt.toISOString(),
    ...(job.doneAt ? { doneAt: job.doneAt.toISOString() } : {}),
    ...(job.retriedBy ? { retriedBy: job.retriedBy } : {}),
  };
}
