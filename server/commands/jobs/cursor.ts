import { decodeTimeIdCursor, encodeTimeIdCursor } from '../keyset-cursor';
import type { Job } from '../ports';

/** The opaque cursor of the job list: the last job's (statusAt, id). One codec for every job store. */
export const encodeJobCursor = (job: Pick<Job, 'statusAt' | 'id'>) => encodeTimeIdCursor(job.statusAt, job.id);

/** The position a job cursor names, or undefined for anything we never issued. */
export function decodeJobCursor(cursor: string): { statusAt: Date; id: string } | undefined {
  const position = decodeTimeIdCursor(cursor);
  return position && { statusAt: position.at, id: position.id };
}
