import { counterDocumentIdsFor, counterDocumentIdsOf } from '../../../shared/stats/documents';
import { addEvent, addTallies, emptyTally } from '../../../shared/stats/fold';
import type { CountedEvent } from '../../../shared/stats/types';
import type { StatsStore } from '../ports';
import type { FoldJournal, StatsLedger } from './ledger';

/** Events of a batch by the counter documents they are added to. */
export function eventsByDocument(events: readonly CountedEvent[]): Map<string, CountedEvent[]> {
  const byDocument = new Map<string, CountedEvent[]>();
  for (const event of events) {
    for (const id of counterDocumentIdsOf(event)) {
      const list = byDocument.get(id);
      if (list) list.push(event);
      else byDocument.set(id, [event]);
    }
  }
  return byDocument;
}

/**
 * Folds one batch: the journal in hand if a fold was cut short (or none is), else a new batch of
 * up to `limit` recorded events. Each touched counter document is read, skipped if this batch
 * wrote it already, else written whole under its version; then the events' keys are marked folded
 * (so a late re-run of a recorded effect is skipped), the events deleted and the journal dropped.
 * Every step is safe to repeat, so a process killed anywhere in it loses and doubles nothing.
 */
async function foldBatch(ledger: StatsLedger, limit: number, now: Date): Promise<number> {
  let journal = await ledger.readJournal();
  if (journal?.heldUntil) {
    if (journal.heldUntil.getTime() > now.getTime()) return 0;
    // A rebuild that died holding the projection: its hold has run out.
    await ledger.deleteJournal(journal.id);
    journal = null;
  }
  if (!journal) {
    const events = await ledger.pendingEvents(limit);
    if (!events.length) {
      await ledger.writeCountedUntil(now);
      return 0;
    }
    const fresh: FoldJournal = { id: `fold:${now.toISOString()}:${crypto.randomUUID()}`, events };
    if (!(await ledger.createJournal(fresh))) return 0;
    journal = fresh;
  }
  for (const [id, events] of eventsByDocument(journal.events)) {
    const stored = await ledger.readCounter(id);
    if (stored?.lastFold === journal.id) continue;
    const tally = stored?.tally ?? emptyTally();
    for (const event of events) addEvent(tally, event);
    const written = await ledger.writeCounter({ id, version: (stored?.version ?? 0) + 1, lastFold: journal.id, tally }, stored?.version ?? null);
    // Only a second folder (another process on the same journal) gets here; the next pass resumes.
    if (!written) throw new Error(`统计计数文档 ${id} 在汇总时被并发修改`);
  }
  await ledger.markFolded(journal.events.map((event) => event.key));
  await ledger.deleteEvents(journal.events.map((event) => event.key));
  await ledger.deleteJournal(journal.id);
  await ledger.writeCountedUntil(now);
  return journal.events.length;
}

/** The statistics projection over a ledger: exactly-once recording, the crash-safe fold, tallies by exact document ids. */
export function statsStoreOver(ledger: StatsLedger): StatsStore {
  return {
    async record(events) {
      if (!events.length) return;
      const folded = await ledger.foldedKeys([...new Set(events.map((event) => event.key))]);
      await ledger.insertEvents(events.filter((event) => !folded.has(event.key)));
    },

    fold: (limit, now) => foldBatch(ledger, limit, now),

    async tally(scope, range) {
      let sum = emptyTally();
      for (const id of counterDocumentIdsFor(scope, range)) {
        const doc = await ledger.readCounter(id);
        if (doc) sum = addTallies(sum, doc.tally);
      }
      return sum;
    },

    countedUntil: () => ledger.readCountedUntil(),
  };
}
