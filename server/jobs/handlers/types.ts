import type { Effect } from '../../../shared/cases/types';
import type { CaseFollowersPort, EventBus, InboxStore, Job } from '../../commands/ports';

/** What handlers may touch: only receivers that record the job's key, or the in-process bus. */
export interface HandlerDeps {
  followers: CaseFollowersPort;
  inbox: InboxStore;
  bus: EventBus;
  now: () => Date;
}

/** A job whose effect is of kind `K`. */
export type JobOf<K extends Effect['type']> = Job & { effect: Extract<Effect, { type: K }> };

/**
 * Runs one job. Must be idempotent by `job.id`: a runner may die after the handler's write and
 * before the job is marked done, and the job then runs again.
 */
export type JobHandler<K extends Effect['type']> = (job: JobOf<K>, deps: HandlerDeps) => Promise<void>;

/** One handler per effect kind: a new kind does not compile until it has one. */
export type HandlerRegistry = { [K in Effect['type']]: JobHandler<K> };
