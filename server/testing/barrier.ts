import type { CaseStore } from '../commands/ports';

/**
 * A barrier for `parties` racers: each `arrive()` waits until all have arrived, then all go on
 * together. Races are forced with it rather than hoped for from timing. A racer that never comes
 * fails the test after `timeoutMs` instead of hanging it.
 */
export function barrier(parties: number, timeoutMs = 10_000): { arrive(): Promise<void>; readonly arrived: number } {
  let arrived = 0;
  let open!: () => void;
  let fail!: (error: Error) => void;
  const opened = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`barrier: ${arrived} of ${parties} racers arrived within ${timeoutMs} ms`)), timeoutMs);
  return {
    get arrived() {
      return arrived;
    },
    arrive() {
      arrived += 1;
      if (arrived === parties) {
        clearTimeout(timer);
        open();
      }
      return opened;
    },
  };
}

/**
 * A case store wrapper that can hold racers at the point that matters: `holdWrites(n)` makes the
 * next `n` conditional writes wait for each other (so all n have read the case before any
 * writes), `holdAfterFindDue(n)` makes the next `n` scheduler reads of due cases wait for each
 * other (so every pass has read the same versions before any pass writes), and `holdInserts(n)`
 * holds the next `n` new cases likewise. Unarmed, it only passes calls through.
 */
export function raceGate() {
  let writes: ReturnType<typeof barrier> | undefined;
  let writesLeft = 0;
  let dueReads: ReturnType<typeof barrier> | undefined;
  let dueReadsLeft = 0;
  let inserts: ReturnType<typeof barrier> | undefined;
  let insertsLeft = 0;
  return {
    /** The next `parties` inserts wait for each other: every filing has checked for an earlier one before any stores. */
    holdInserts(parties: number) {
      inserts = barrier(parties);
      insertsLeft = parties;
    },
    holdWrites(parties: number) {
      writes = barrier(parties);
      writesLeft = parties;
    },
    holdAfterFindDue(parties: number) {
      dueReads = barrier(parties);
      dueReadsLeft = parties;
    },
    wrap(store: CaseStore): CaseStore {
      return {
        ...store,
        async insert(record, extra, outbox) {
          if (inserts && insertsLeft > 0) {
            insertsLeft -= 1;
            await inserts.arrive();
          }
          return store.insert(record, extra, outbox);
        },
        async replaceIfVersion(next, expectedVersion, outbox) {
          if (writes && writesLeft > 0) {
            writesLeft -= 1;
            await writes.arrive();
          }
          return store.replaceIfVersion(next, expectedVersion, outbox);
        },
        async findDue(now, limit) {
          const due = await store.findDue(now, limit);
          if (dueReads && dueReadsLeft > 0) {
            dueReadsLeft -= 1;
            await dueReads.arrive();
          }
          return due;
        },
      };
    },
  };
}
