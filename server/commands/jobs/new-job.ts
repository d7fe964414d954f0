import type { Job, JobRequest } from '../ports';

/** The job an outbox entry becomes when relayed: pending, due now, its id the entry's key. */
export function newJobOf(entry: JobRequest, now: Date): Job {
  return {
    id: entry.key,
    kind: entry.effect.type,
    caseId: entry.caseId,
    effect: entry.effect,
    context: entry.context,
    status: 'pending',
    attempts: 0,
    dueAt: now,
    createdAt: now,
    statusAt: now,
    version: 1,
  };
}
