import type { CountedEvent } from '../shared/stats/types';
import type { Database } from '../server/db/connection';
import { mongoStatsLedger } from '../server/db/stats-store';
import { memoryStatsLedger, memoryStatsStore } from '../server/memory/stats-store';

export { countedEventsOf } from '../shared/stats/derive';

/**
 * Counts a generated year into the bench database with the production projection: the events are
 * recorded and folded by the same store code (`statsStoreOver`) the job runner uses, in memory
 * (a year of events folded one batch at a time on the embedded engine would take hours), and the
 * counter documents it made are then written into the database as the fold would have left them.
 */
export async function foldIntoDatabase(database: Database, events: readonly CountedEvent[], now: Date): Promise<{ documents: number }> {
  const ledger = memoryStatsLedger();
  const store = memoryStatsStore(ledger);
  for (let start = 0; start < events.length; start += 10_000) await store.record(events.slice(start, start + 10_000));
  while ((await store.fold(10_000, now)) > 0);
  const target = mongoStatsLedger(database);
  const documents = await Promise.all((await ledger.counterIds()).map(async (id) => (await ledger.readCounter(id))!));
  await target.insertCounters(documents);
  await target.writeCountedUntil(now);
  return { documents: documents.length };
}
