/** How failures are retried: exponential backoff with jitter, then parked for an admin. */
export interface RetryPolicy {
  /** Handler runs before the job is parked as failed (dead letter). */
  maxAttempts: number;
  /** The first retry waits about this long; each next one about twice as long. */
  baseDelayMs: number;
  /** No wait is longer than this, however many attempts. */
  maxDelayMs: number;
}

/** 8 runs over about 4 minutes (1 s, 2 s, 4 s … 64 s, ±half): long enough to ride out a restart of the database. */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 10 * 60_000 };

/**
 * The wait before the next run after `attempt` failed runs (1 = the first run failed): the
 * exponential delay, capped, of which the upper half is random ("equal jitter"), so runners that
 * failed together do not retry together, and no wait is shorter than half the nominal one.
 * `random` answers in [0, 1), like Math.random; tests pass a fixed sequence.
 */
export function backoffMs(attempt: number, random: () => number, policy: RetryPolicy = defaultRetryPolicy): number {
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal / 2 + random() * (nominal / 2));
}

/** What follows a failed run: another try at `dueAt`, or parking once the attempts are used up. */
export function afterFailure(attempts: number, now: Date, random: () => number, policy: RetryPolicy = defaultRetryPolicy): { park: true } | { park: false; dueAt: Date } {
  if (attempts >= policy.maxAttempts) return { park: true };
  return { park: false, dueAt: new Date(now.getTime() + backoffMs(attempts, random, policy)) };
}

/**
 * A failure that running again cannot fix (the other side refused the call itself as invalid):
 * the runner parks the job at once for an admin, rather than spending its retries on it.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
