import { LRUCache } from 'lru-cache';
import { counterDocumentIdsFor, counterDocumentIdsOf, monthOfCounterDocument } from '../../../shared/stats/documents';
import { addCounters, type Counters } from '../../../shared/stats/counters';
import { addEvent, addTallyInto, emptyTally } from '../../../shared/stats/fold';
import { scopeKeyOf, type CountedEvent, type Tally } from '../../../shared/stats/types';
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
  // After the writes, and again by a fold resumed after a crash: a reader holding a document learns it changed.
  await ledger.bumpStamps(monthsOf(journal.events.map((event) => event.day)));
  await ledger.markFolded(journal.events.map((event) => event.key));
  await ledger.deleteEvents(journal.events.map((event) => event.key));
  await ledger.deleteJournal(journal.id);
  await ledger.writeCountedUntil(now);
  return journal.events.length;
}

/** The distinct months (YYYY-MM) of some days or counter document periods. */
export const monthsOf = (days: Iterable<string>) => [...new Set([...days].map((day) => day.slice(0, 7)))];

/** How many counter rows a tally holds: what its parsed form costs in memory. */
const rowsOf = (tally: Tally) => 1 + Object.keys(tally.daily).length + Object.values(tally.by).reduce((sum, rows) => sum + Object.keys(rows).length, 0);

/** Freezes `value` and everything in it: what a cache hands out is shared, so a caller's write must fail, not spread. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Rows of parsed tallies a process keeps (documents and sums each): some tens of MB at most. */
export const statsCacheRows = 40_000;

type Stamped<T> = { stamp: string; value: T };

/**
 * The statistics projection over a ledger: exactly-once recording, the crash-safe fold, tallies by
 * exact document ids. Reading keeps what it read: each counter document, and each period's sum,
 * under the stamps of their months, read once per call (one small document) and compared, so a
 * year whose months did not change since is answered without reading or adding them again, by
 * any process (a fold or rebuild anywhere moves the stamps). What `tally` answers is frozen: shared.
 */
export function statsStoreOver(ledger: StatsLedger, cacheRows = statsCacheRows): StatsStore {
  const sized = <T extends object>(sizeOf: (value: T) => number) =>
    new LRUCache<string, Stamped<T>>({ maxSize: Math.max(1, cacheRows), sizeCalculation: (entry) => Math.max(1, sizeOf(entry.value)) });
  const documents = sized<{ tally: Tally | null }>(({ tally }) => (tally ? rowsOf(tally) : 1));
  const sums = sized<{ tally: Tally }>(({ tally }) => rowsOf(tally));
  const totals = sized<{ total: Counters | null }>(() => 1);
  const stampOf = (stamps: Record<string, string>, id: string) => stamps[monthOfCounterDocument(id)] ?? '';
  const cached = <T>(cache: LRUCache<string, Stamped<T>>, key: string, stamp: string) => {
    if (cacheRows <= 0) return undefined;
    const entry = cache.get(key);
    return entry?.stamp === stamp ? entry.value : undefined;
  };
  const keep = <T>(cache: LRUCache<string, Stamped<T>>, key: string, stamp: string, value: T) => {
    if (cacheRows > 0) cache.set(key, { stamp, value });
  };

  return {
    async record(events) {
      if (!events.length) return;
      const folded = await ledger.foldedKeys([...new Set(events.map((event) => event.key))]);
      await ledger.insertEvents(events.filter((event) => !folded.has(event.key)));
    },

    fold: (limit, now) => foldBatch(ledger, limit, now),

    async tally(scope, range) {
      const ids = counterDocumentIdsFor(scope, range);
      const stamps = await ledger.readStamps();
      const sumKey = `${scopeKeyOf(scope)}|${range.from}|${range.to}`;
      const signature = monthsOf(ids.map(monthOfCounterDocument))
        .map((month) => stamps[month] ?? '')
        .join(',');
      const known = cached(sums, sumKey, signature);
      if (known) return known.tally;
      const sum = emptyTally();
      for (const id of ids) {
        const stamp = stampOf(stamps, id);
        let tally = cached(documents, id, stamp)?.tally;
        if (tally === undefined) {
          tally = deepFreeze((await ledger.readCounter(id))?.tally ?? null);
          keep(documents, id, stamp, { tally });
        }
        if (tally) addTallyInto(sum, tally);
      }
      keep(sums, sumKey, signature, { tally: deepFreeze(sum) });
      return sum;
    },

    async totals(scope, range) {
      const stamps = await ledger.readStamps();
      let sum: Counters = {};
      for (const id of counterDocumentIdsFor(scope, range)) {
        const stamp = stampOf(stamps, id);
        let total = cached(totals, id, stamp)?.total;
        if (total === undefined) {
          total = deepFreeze(await ledger.readCounterTotal(id));
          keep(totals, id, stamp, { total });
        }
        if (total) sum = addCounters(sum, total);
      }
      return sum;
    },

    countedUntil: () => ledger.readCountedUntil(),
  };
}
