import { Schema } from 'mongoose';
import { jobStatuses } from '../../../shared/schemas/jobs';

const mixed = Schema.Types.Mixed;

/**
 * One effect in the job queue (server/jobs). `_id` is the outbox entry's key (`caseId:version:index`),
 * so relaying an entry twice fails with 11000 instead of queueing it twice.
 */
export const jobSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    caseId: { type: String, required: true },
    effect: { type: mixed, required: true },
    context: { type: mixed, required: true },
    status: { type: String, enum: jobStatuses, required: true },
    /** Handler runs started; parked as failed after the runner's limit. */
    attempts: { type: Number, required: true },
    /** Next moment the job may be taken: now, after a backoff, or the end of the current lease. */
    dueAt: { type: Date, required: true },
    /** The runner holding the job and until when; a lease that runs out makes the job due again. */
    leaseOwner: { type: String },
    leaseUntil: { type: Date },
    lastError: { type: String },
    createdAt: { type: Date, required: true },
    statusAt: { type: Date, required: true },
    doneAt: { type: Date },
    /** The admin who put a failed job back in the queue. */
    retriedBy: { type: String },
    /** +1 on every change: lease, completion, reschedule, parking and retry are conditional on it. */
    version: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);
// The runner: pending jobs that are due (a running job's dueAt is its lease end), oldest first.
jobSchema.index({ status: 1, dueAt: 1 });
// The admin list: by status, latest change first, _id for the cursor.
jobSchema.index({ status: 1, statusAt: -1, _id: -1 });
