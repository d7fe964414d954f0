import type { CountedEvent } from '../shared/stats/types';
import { addEvent, emptyTally } from '../shared/stats/fold';
import type { Database } from '../server/db/connection';
import { mongoStatsLedger } from '../server/db/stats-store';
import { eventsByDocument, monthsOf } from '../server/commands/stats/projection';
import { monthOfCounterDocument } from '../shared/stats/documents';
import type { CounterDocument } from '../server/commands/stats/ledger';

export { countedEventsOf } from '../shared/stats/derive';

/**
 * Counts a generated year into the bench database as the rebuild does (`server/commands/stats/rebuild.ts`):
 * the production derivation's events added into their counter documents by the same `addEvent`
 * in one pass, then the documents inserted in bulk. (Folding the year batch by batch through the
 * memory ledger took 43 minutes, spent copying tallies, not in the database.)
 */
export async function foldIntoDatabase(database: Database, events: readonly CountedEvent[], now: Date): Promise<{ documents: number }> {
  const tallies = new Map<string, ReturnType<typeof emptyTally>>();
  for (const [id, list] of eventsByDocument(events)) {
    const tally = tallies.get(id) ?? emptyTally();
    for (const event of list) addEvent(tally, event);
    tallies.set(id, tally);
  }
  const documents: CounterDocument[] = [...tallies].map(([id, tally]) => ({ id, version: 1, lastFold: null, tally }));
  const target = mongoStatsLedger(database);
  await target.insertCounters(documents);
  await target.bumpStamps(monthsOf(documents.map((doc) => monthOfCounterDocument(doc.id))));
  await target.writeCountedUntil(now);
  return { documents: documents.length };
}
