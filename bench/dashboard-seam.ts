import type { CaseRecord } from '../shared/cases/types';
import type { CountedEvent } from '../shared/stats/types';
import type { Database } from '../server/db/connection';

/**
 * TODO(i10 merge): the statistics write side (branch i10-write) is not on this branch. At merge,
 * replace these three stand-ins with its code, by these names:
 * - `countedEventsOf` is `countedEventsOf` of shared/stats/derive;
 * - `foldIntoDatabase` records the events with `memoryStatsStore(memoryStatsLedger())` of
 *   server/memory/stats-store, folds them (`fold(limit, now)` until it answers 0: the same fold
 *   code as production, in memory, since a year of events folded on the embedded engine would take
 *   hours), then writes every counter document of that ledger (`counterIds`, `readCounter`) into
 *   the bench database with `mongoStatsLedger(database).replaceCounter` of server/db/stats-store
 *   (or one insertMany of the same stored shape, if one replace per document is too slow there),
 *   and `writeCountedUntil(now)`.
 * Until then the bench throws here, so no figure is written from a projection that counts nothing.
 */
export function countedEventsOf(_record: CaseRecord): CountedEvent[] {
  throw new Error('bench dashboard: countedEventsOf (shared/stats/derive) is not merged on this branch');
}

export async function foldIntoDatabase(_database: Database, _events: readonly CountedEvent[], _now: Date): Promise<{ documents: number }> {
  throw new Error('bench dashboard: the stats stores (server/db/stats-store, server/memory/stats-store) are not merged on this branch');
}
