import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * How long a runner holds a job. Handlers take milliseconds; a lease this long only matters when
 * a runner dies holding it, and then the job waits this long before another runner takes it.
 */
export const defaultLeaseMs = 10_000;

/** A name for this runner, unique across processes and restarts: host, pid and a random part. */
export function newRunnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
