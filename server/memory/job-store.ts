import type { Job, JobStore } from '../commands/ports';
import { decodeJobCursor, encodeJobCursor } from '../commands/jobs/cursor';
import { newJobOf } from '../commands/jobs/new-job';
import { errors } from '../errors';

/**
 * The job queue in a map, with the mongo job store's rules (server/db/job-store.ts): a job per
 * outbox key, every change after the insert conditional on the job's version (a retry on its
 * failed status), a lease that keeps the job pending and due again when it runs out.
 */
export function memoryJobStore(): JobStore & { readonly all: ReadonlyMap<string, Job> } {
  const jobs = new Map<string, Job>();
  const copy = (job: Job): Job => structuredClone(job);
  /** Applies `change` if the job is still at `version`: the conditional update of the mongo store. */
  const update = (id: string, version: number, change: (job: Job) => Job): boolean => {
    const current = jobs.get(id);
    if (!current || current.version !== version) return false;
    jobs.set(id, { ...change(current), version: current.version + 1 });
    return true;
  };
  const unleased = (job: Job): Job => {
    const { leaseOwner: _owner, leaseUntil: _until, ...rest } = job;
    return rest;
  };
  return {
    all: jobs,
    async enqueue(entries, now) {
      for (const entry of entries) {
        if (jobs.has(entry.key)) continue;
        jobs.set(entry.key, structuredClone(newJobOf(entry, now)));
      }
    },
    async findDue(now, limit) {
      return [...jobs.values()]
        .filter((job) => job.status === 'pending' && job.dueAt.getTime() <= now.getTime())
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
        .slice(0, limit)
        .map(copy);
    },
    async lease(job, owner, now, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      const current = jobs.get(job.id);
      if (!current || current.status !== 'pending' || current.dueAt.getTime() > now.getTime()) return undefined;
      const taken = update(job.id, job.version, (j) => ({ ...j, leaseOwner: owner, leaseUntil, dueAt: leaseUntil, attempts: j.attempts + 1 }));
      return taken ? copy(jobs.get(job.id)!) : undefined;
    },
    async complete(job, now) {
      return update(job.id, job.version, (j) => ({ ...unleased(j), status: 'done', statusAt: now, doneAt: now }));
    },
    async reschedule(job, dueAt, error, now) {
      return update(job.id, job.version, (j) => ({ ...unleased(j), dueAt, lastError: error, statusAt: now }));
    },
    async park(job, error, now) {
      return update(job.id, job.version, (j) => ({ ...unleased(j), status: 'failed', lastError: error, statusAt: now }));
    },
    async findById(id) {
      const job = jobs.get(id);
      return job && copy(job);
    },
    async list(status, page) {
      const after = page.cursor === undefined ? undefined : decodeJobCursor(page.cursor);
      if (page.cursor !== undefined && !after) throw errors.validation({ cursor: ['翻页标记无效'] });
      const matching = [...jobs.values()]
        .filter((job) => job.status === status)
        .filter((job) => !after || job.statusAt.getTime() < after.statusAt.getTime() || (job.statusAt.getTime() === after.statusAt.getTime() && job.id < after.id))
        .sort((a, b) => b.statusAt.getTime() - a.statusAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const items = matching.slice(0, page.limit).map(copy);
      return { items, nextCursor: matching.length > page.limit ? encodeJobCursor(items[items.length - 1]!) : null };
    },
    async retry(id, by, now) {
      const current = jobs.get(id);
      if (!current || current.status !== 'failed') return false;
      return update(id, current.version, (j) => ({ ...unleased(j), status: 'pending', dueAt: now, attempts: 0, statusAt: now, retriedBy: by }));
    },
  };
}
