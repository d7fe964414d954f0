import type { Job } from '../ports';

/** The opaque cursor of the job list: the last job's (statusAt, id). One codec for every job store. */
export const encodeJobCursor = (job: Pick<Job, 'statusAt' | 'id'>) => Buffer.from(`${job.statusAt.getTime()}:${job.id}`).toString('base64url');

/**
 * The position a job cursor names, or undefined for anything we never issued. A job id holds
 * colons itself (`caseId:version:index`), so only the first one separates the time.
 */
export function decodeJobCursor(cursor: string): { statusAt: Date; id: string } | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const split = text.indexOf(':');
  const time = Number(text.slice(0, split));
  const statusAt = new Date(time);
  const id = text.slice(split + 1);
  if (split < 1 || !id || !Number.isSafeInteger(time) || Number.isNaN(statusAt.getTime())) return undefined;
  return { statusAt, id };
}
