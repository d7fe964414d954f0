import type { CaseCommandDeps } from './commands/cases';
import type { CatalogCommandDeps } from './commands/catalog';
import { mongoCatalogStore } from './db/catalog-store';
import { mongoCaseFollowers, mongoCaseOutbox, mongoCaseStore } from './db/case-store';
import { mongoInboxStore, mongoJobStore } from './db/job-store';
import type { EventBus } from './commands/ports';
import type { JobCommandDeps } from './commands/jobs';
import { effectHandlers } from './jobs/handlers';
import { clockCheckStep } from './jobs/clock-step';
import type { RetryPolicy } from './jobs/backoff';
import { newRunnerId } from './jobs/lease';
import { createJobRunner, type JobRunner, type RunnerLog } from './jobs/runner';
import { inProcessEventBus } from './realtime/in-process-bus';
import type { Database } from './db/connection';
import { mongoPhotoPort } from './db/photo-port';
import type { ReferenceData } from './reference/reference-data';

/** The composition root of the case use cases: the mongoose adapters behind their ports. */
export function caseCommandDeps(database: Database, reference: ReferenceData, now: () => Date): CaseCommandDeps {
  return { store: mongoCaseStore(database), reference, photos: mongoPhotoPort(database), now };
}

/** The catalog use cases with their mongoose adapter. */
export function catalogCommandDeps(database: Database, reference: ReferenceData, now: () => Date): CatalogCommandDeps {
  return { catalogs: mongoCatalogStore(database), reference, now };
}

/** The job runner of `npm start` (and of tests): outbox relay, effect handlers, the clock check. */
export function createEffectRunner(
  database: Database,
  reference: ReferenceData,
  now: () => Date,
  log: RunnerLog,
  options: { bus?: EventBus; random?: () => number; pollMs?: number; leaseMs?: number; retry?: RetryPolicy; owner?: string } = {},
): JobRunner {
  return createJobRunner({
    outbox: mongoCaseOutbox(database),
    jobs: mongoJobStore(database),
    handlers: effectHandlers,
    handlerDeps: { followers: mongoCaseFollowers(database), inbox: mongoInboxStore(database), bus: options.bus ?? inProcessEventBus(), now },
    owner: options.owner ?? newRunnerId(),
    now,
    random: options.random ?? Math.random,
    log,
    periodic: [clockCheckStep(caseCommandDeps(database, reference, now), log)],
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
}

/** The admin use cases over the job queue. */
export function jobCommandDeps(database: Database, now: () => Date): JobCommandDeps {
  return { jobs: mongoJobStore(database), now };
}
