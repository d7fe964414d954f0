/**
 * What the district counts about cases (统计口径), as named counters. A counter set is sparse:
 * an absent counter is 0, so a quiet grid's day costs nothing to store.
 */
export const counterNames = [
  /** Filed (上报), and by source. */
  'filed',
  'filedResident',
  'filedPatrol',
  'filedHotline',
  'filedOther',
  'accepted',
  'rejected',
  'merged',
  'dispatched',
  /** A unit returned the case (退单): charged to that unit, with the time it held it. */
  'returned',
  /** Reassigned away from a unit (转派): charged to that unit, with the time it held it. */
  'reassigned',
  'resolved',
  /** A centre sent the unit's resolution back (回单不通过). */
  'sentBack',
  'closed',
  /** Closed without the case clock (办结时限) marked overdue. */
  'closedOnTime',
  'warned',
  /** A stage clock ran out (阶段超时). */
  'overdueStage',
  /** The case clock ran out (办结超时). */
  'overdueCase',
  'urged',
  /** Raised a tier, by a person or by the clock (升级). */
  'escalated',
  /** Put under the district centre's supervision (督办). */
  'supervised',
  'reopened',
  'ratings',
  'satisfactionSum',
  /** Ratings of 4 or 5. */
  'satisfied',
  'ratedResolved',
  'ratedPartly',
  'ratedUnresolved',
  /** Filing to closing, in ms of wall time: sum and count (the count is `closed`). */
  'handlingMsSum',
  /** Stage durations, wall ms, summed with their counts. */
  'intakeMsSum',
  'intakeCount',
  'dispatchMsSum',
  'dispatchCount',
  'handleMsSum',
  'handleCount',
  'verifyMsSum',
  'verifyCount',
  /** Working ms a unit held a case that left it (returned, reassigned or resolved), and how many holdings. */
  'heldMsSum',
  'heldCount',
  /** Handling-time histogram of closed cases, one counter per bucket of {@link handlingBucketHours}. */
  'h0',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'h7',
  'h8',
  'h9',
  'h10',
] as const;

export type CounterName = (typeof counterNames)[number];

/** Counters by name; absent means 0. */
export type Counters = Partial<Record<CounterName, number>>;

/**
 * Upper bounds (hours, wall time) of the handling-time histogram's buckets h0…h9; h10 holds the
 * rest. Fine where most cases close (within days), coarse beyond a month.
 */
export const handlingBucketHours = [4, 8, 24, 48, 72, 120, 168, 240, 360, 720] as const;

const HOUR_MS = 3_600_000;

/** The histogram counter a handling time falls in. */
export function handlingBucketOf(handlingMs: number): CounterName {
  const index = handlingBucketHours.findIndex((hours) => handlingMs <= hours * HOUR_MS);
  return `h${index === -1 ? handlingBucketHours.length : index}` as CounterName;
}

/** `into` plus `more`, counter by counter; zeros are not stored. */
export function addCounters(into: Counters, more: Counters): Counters {
  const sum: Counters = { ...into };
  for (const [name, value] of Object.entries(more) as [CounterName, number][]) {
    const total = (sum[name] ?? 0) + value;
    if (total === 0) delete sum[name];
    else sum[name] = total;
  }
  return sum;
}

/**
 * The median handling time in hours, read from the histogram: linear inside the bucket that holds
 * the middle case (the open last bucket answers its lower bound). Null when nothing was closed.
 */
export function medianHandlingHours(counters: Counters): number | null {
  const buckets = [...handlingBucketHours.keys(), handlingBucketHours.length].map((index) => counters[`h${index}` as CounterName] ?? 0);
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const middle = total / 2;
  let below = 0;
  for (const [index, n] of buckets.entries()) {
    if (below + n >= middle && n > 0) {
      const lower = index === 0 ? 0 : handlingBucketHours[index - 1]!;
      if (index === handlingBucketHours.length) return lower;
      const upper = handlingBucketHours[index]!;
      return Math.round((lower + ((middle - below) / n) * (upper - lower)) * 10) / 10;
    }
    below += n;
  }
  return null;
}
