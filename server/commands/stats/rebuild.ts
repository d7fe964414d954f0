import { countedEventsOf } from '../../../shared/stats/derive';
import { addEvent, emptyTally } from '../../../shared/stats/fold';
import type { CountedEvent, Tally } from '../../../shared/stats/types';
import type { CaseStore } from '../ports';
import type { CounterDocument, StatsLedger } from './ledger';
import { monthOfCounterDocument } from '../../../shared/stats/documents';
import { eventsByDocument, monthsOf, statsStoreOver } from './projection';

export interface StatsRebuildDeps {
  cases: Pick<CaseStore, 'list'>;
  ledger: StatsLedger;
  now: () => Date;
}

/** What a rebuild did. */
export interface StatsRebuildReport {
  cases: number;
  events: number;
  documents: number;
  /** Counter documents that no case counts into any more (a catalog change), deleted. */
  dropped: number;
  /** Recorded events the rebuild counted from the cases, so not to be folded again. */
  included: number;
}

/** How long a rebuild holds the fold; a rebuild that dies frees the projection when this runs out. */
export const rebuildHoldMs = 60 * 60_000;

async function holdFold(deps: StatsRebuildDeps, holdId: string): Promise<void> {
  const stats = statsStoreOver(deps.ledger);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const heldUntil = new Date(deps.now().getTime() + rebuildHoldMs);
    if (await deps.ledger.createJournal({ id: holdId, events: [], heldUntil })) return;
    const journal = await deps.ledger.readJournal();
    if (journal?.heldUntil && journal.heldUntil.getTime() > deps.now().getTime()) throw new Error(`另一次统计重建正在进行（至 ${journal.heldUntil.toISOString()}）`);
    // A fold's batch in hand (or a dead rebuild's hold): finish it, then take the hold.
    await stats.fold(1, deps.now());
  }
  throw new Error('统计汇总一直在进行，无法开始重建');
}

/**
 * Recomputes every counter document from the stored cases (recovery, or a change of what is
 * counted): holds the fold, pages through every case, derives its events with the same
 * `countedEventsOf`, folds them in memory per document, writes every counter document (the new
 * ones in bulk), deletes those no case counts into, and drops the recorded events it counted (those of steps after the
 * case was read stay, to be folded). Safe to run again if it dies; the hold frees itself.
 */
export async function rebuildStats(deps: StatsRebuildDeps, pageSize = 200): Promise<StatsRebuildReport> {
  const holdId = `rebuild:${deps.now().toISOString()}:${crypto.randomUUID()}`;
  await holdFold(deps, holdId);
  try {
    // Events, not tallies, are held across the pages: an event counts only into documents of its own
    // month, so the tallies are made and written a month at a time (a year's at once is gigabytes).
    const eventsByMonth = new Map<string, CountedEvent[]>();
    const countedKeys = new Set<string>();
    let cases = 0;
    let events = 0;
    let cursor: string | undefined;
    do {
      const page = await deps.cases.list({ field: null, facet: 'all' }, { limit: pageSize, ...(cursor ? { cursor } : {}) });
      for (const record of page.items) {
        const counted = countedEventsOf(record);
        cases += 1;
        events += counted.length;
        for (const event of counted) {
          countedKeys.add(event.key);
          const month = event.day.slice(0, 7);
          const list = eventsByMonth.get(month);
          if (list) list.push(event);
          else eventsByMonth.set(month, [event]);
        }
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const stored = new Set(await deps.ledger.counterIds());
    const written = new Set<string>();
    let documents = 0;
    for (const [month, monthEvents] of eventsByMonth) {
      // A fresh projection (a new database, a year's recovery) goes in bulk: a write per document took hours on the local engine.
      const fresh: CounterDocument[] = [];
      for (const [id, list] of eventsByDocument(monthEvents)) {
        const tally: Tally = emptyTally();
        for (const event of list) addEvent(tally, event);
        written.add(id);
        documents += 1;
        if (!stored.has(id)) {
          fresh.push({ id, version: 1, lastFold: holdId, tally });
          continue;
        }
        const previous = await deps.ledger.readCounter(id);
        await deps.ledger.replaceCounter({ id, version: (previous?.version ?? 0) + 1, lastFold: holdId, tally });
      }
      await deps.ledger.insertCounters(fresh);
      eventsByMonth.delete(month);
    }
    const stale = [...stored].filter((id) => !written.has(id));
    await deps.ledger.deleteCounters(stale);
    // Every month it wrote or emptied: processes holding documents read before read them again.
    await deps.ledger.bumpStamps(monthsOf([...written, ...stale].map(monthOfCounterDocument)));
    // Marked before the events are dropped: a recorded effect that runs again later is skipped.
    await deps.ledger.markFolded([...countedKeys]);
    const included = (await deps.ledger.pendingEvents(2 ** 31 - 1)).filter((event) => countedKeys.has(event.key));
    await deps.ledger.deleteEvents(included.map((event) => event.key));
    await deps.ledger.writeCountedUntil(deps.now());
    return { cases, events, documents, dropped: stale.length, included: included.length };
  } finally {
    await deps.ledger.deleteJournal(holdId);
  }
}
