import type { CountedEvent } from '../shared/stats/types';
import { addEvent, emptyTally } from '../shared/stats/fold';
import type { Database } from '../server/db/connection';
import { mongoStatsLedger } from '../server/db/stats-store';
import { eventsByDocument } from '../server/commands/stats/projection';
import type { CounterDocument } from '../server/commands/stats/ledger';

export { countedEventsOf } from '../shared/stats/derive';

/**
 * Counts a generated year into the bench database as the rebuild does (`server/commands/stats/rebuild.ts`):
 * the production derivation's events added into their counter documents by the same `addEvent`
 * in one pass, then the documents inserted in bulk and their months stamped. Month by month, since
 * an event counts only into documents of its own month: the whole year's tallies at once (173,834
 * documents) ran this process out of heap. (Folding the year batch by batch through the memory
 * ledger took 43 minutes, spent copying tallies, not in the database.)
 */
export async function foldIntoDatabase(database: Database, events: readonly CountedEvent[], now: Date): Promise<{ documents: number }> {
  const byMonth = new Map<string, CountedEvent[]>();
  for (const event of events) {
    const month = event.day.slice(0, 7);
    const list = byMonth.get(month);
    if (list) list.push(event);
    else byMonth.set(month, [event]);
  }
  const target = mongoStatsLedger(database);
  let documents = 0;
  for (const [month, monthEvents] of byMonth) {
    const counters: CounterDocument[] = [];
    for (const [id, list] of eventsByDocument(monthEvents)) {
      const tally = emptyTally();
      for (const event of list) addEvent(tally, event);
      counters.push({ id, version: 1, lastFold: null, tally });
    }
    await target.insertCounters(counters);
    await target.bumpStamps([month]);
    documents += counters.length;
  }
  await target.writeCountedUntil(now);
  return { documents };
}
