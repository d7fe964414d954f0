/** The admin use cases over the job queue: the dead-letter list and retry. */
export { listJobs } from './list-jobs';
export { retryJob } from './retry-job';
export type { JobCommandDeps } from '../ports';
