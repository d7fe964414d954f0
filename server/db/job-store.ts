import type { Job, JobRequest, JobStore, Page } from '../commands/ports';
import { decodeJobCursor, encodeJobCursor } from '../commands/jobs/cursor';
import { newJobOf } from '../commands/jobs/new-job';
import { errors } from '../errors';
import type { Database } from './connection';

type StoredJob = Omit<Job, 'id'> & { _id: string };

import { isDuplicateKey } from './duplicate-key';

function toJob(doc: StoredJob): Job {
  const { _id, ...rest } = doc;
  const job: Record<string, unknown> = { id: _id };
  for (const [key, value] of Object.entries(rest)) if (value !== null && value !== undefined) job[key] = value;
  return job as unknown as Job;
}

/** The stored form of a new job: the id becomes the document's `_id`, so a second relay of the key fails with 11000. */
function newJob(entry: JobRequest, now: Date): StoredJob {
  const { id, ...rest } = newJobOf(entry, now);
  return { _id: id, ...rest };
}

/**
 * The job queue on the `jobs` collection. Every change after the insert is one update conditional
 * on the job's `version` (or, for an admin retry, on its `failed` status), so two runners, or a
 * runner whose lease ran out and the one that took over, can never both record an outcome.
 */
export function mongoJobStore(database: Database): JobStore {
  const jobs = database.connection.db!.collection<StoredJob>(database.models.Job.collection.collectionName);
  const leased = { $unset: { leaseOwner: '', leaseUntil: '' } } as const;
  return {
    async enqueue(entries, now) {
      if (!entries.length) return;
      try {
        await jobs.insertMany(entries.map((entry) => newJob(entry, now)));
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Some were relayed before (a relay interrupted after the insert): add the rest one by one.
        for (const entry of entries) {
          await jobs.insertOne(newJob(entry, now)).catch((one: unknown) => {
            if (!isDuplicateKey(one)) throw one;
          });
        }
      }
    },

    async findDue(now, limit) {
      const docs = await jobs.find({ status: 'pending', dueAt: { $lte: now } }).sort({ dueAt: 1 }).limit(limit).toArray();
      return docs.map(toJob);
    },

    async lease(job, owner, now, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      // A leased job stays `pending` with its dueAt at the lease end: if the runner dies, the
      // same due-jobs query finds it again once the lease has run out.
      const result = await jobs.updateOne(
        { _id: job.id, version: job.version, status: 'pending', dueAt: { $lte: now } },
        { $set: { leaseOwner: owner, leaseUntil, dueAt: leaseUntil }, $inc: { version: 1, attempts: 1 } },
      );
      if (result.matchedCount !== 1) return undefined;
      return { ...job, leaseOwner: owner, leaseUntil, dueAt: leaseUntil, version: job.version + 1, attempts: job.attempts + 1 };
    },

    async complete(job, now) {
      const result = await jobs.updateOne(
        { _id: job.id, version: job.version },
        { $set: { status: 'done', statusAt: now, doneAt: now }, ...leased, $inc: { version: 1 } },
      );
      return result.matchedCount === 1;
    },

    async reschedule(job, dueAt, error, now) {
      const result = await jobs.updateOne({ _id: job.id, version: job.version }, { $set: { dueAt, lastError: error, statusAt: now }, ...leased, $inc: { version: 1 } });
      return result.matchedCount === 1;
    },

    async park(job, error, now) {
      const result = await jobs.updateOne(
        { _id: job.id, version: job.version },
        { $set: { status: 'failed', lastError: error, statusAt: now }, ...leased, $inc: { version: 1 } },
      );
      return result.matchedCount === 1;
    },

    async findById(id) {
      const doc = await jobs.findOne({ _id: id });
      return doc ? toJob(doc) : undefined;
    },

    async list(status, page) {
      const filter: Record<string, unknown> = { status };
      if (page.cursor) {
        const after = decodeJobCursor(page.cursor);
        if (!after) throw errors.unprocessable('list.invalid_cursor', '翻页标记无效，请从第一页重新加载', { fields: { cursor: ['翻页标记无效'] } });
        filter.$or = [{ statusAt: { $lt: after.statusAt } }, { statusAt: after.statusAt, _id: { $lt: after.id } }];
      }
      const docs = await jobs
        .find(filter as never)
        .sort({ statusAt: -1, _id: -1 })
        .limit(page.limit + 1)
        .toArray();
      const items = docs.slice(0, page.limit).map(toJob);
      return { items, nextCursor: docs.length > page.limit ? encodeJobCursor(items[items.length - 1]!) : null } satisfies Page<Job>;
    },

    async retry(id, by, now) {
      const result = await jobs.updateOne(
        { _id: id, status: 'failed' },
        { $set: { status: 'pending', dueAt: now, attempts: 0, statusAt: now, retriedBy: by }, ...leased, $inc: { version: 1 } },
      );
      return result.matchedCount === 1;
    },
  };
}
