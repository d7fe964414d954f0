import type { CountedEvent } from '../../shared/stats/types';
import type { CounterDocument, FoldJournal, StatsLedger } from '../commands/stats/ledger';
import { statsStoreOver } from '../commands/stats/projection';
import type { StatsStore } from '../commands/ports';

/** Copies through JSON, as a database would: what is stored never shares objects with the caller. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The statistics ledger in memory, for use-case tests and the store contract. */
export function memoryStatsLedger(): StatsLedger {
  const folded = new Map<string, Set<number>>();
  const events = new Map<string, CountedEvent>();
  const counters = new Map<string, CounterDocument>();
  let journal: FoldJournal | null = null;
  let countedUntil: Date | null = null;
  return {
    async foldedSeqs(caseIds) {
      return new Map(caseIds.flatMap((id) => (folded.has(id) ? [[id, new Set(folded.get(id))] as const] : [])));
    },
    async markFolded(more) {
      for (const [id, seqs] of more) folded.set(id, new Set([...(folded.get(id) ?? []), ...seqs]));
    },
    async insertEvents(list) {
      for (const event of list) if (!events.has(event.key)) events.set(event.key, stored(event));
    },
    async pendingEvents(limit) {
      return stored([...events.values()].slice(0, limit));
    },
    async deleteEvents(keys) {
      for (const key of keys) events.delete(key);
    },
    async readJournal() {
      return journal && { ...stored({ id: journal.id, events: journal.events }), ...(journal.heldUntil ? { heldUntil: new Date(journal.heldUntil) } : {}) };
    },
    async createJournal(fresh) {
      if (journal) return false;
      journal = { ...stored({ id: fresh.id, events: fresh.events }), ...(fresh.heldUntil ? { heldUntil: new Date(fresh.heldUntil) } : {}) };
      return true;
    },
    async deleteJournal(id) {
      if (journal?.id === id) journal = null;
    },
    async readCounter(id) {
      const doc = counters.get(id);
      return doc ? stored(doc) : null;
    },
    async writeCounter(doc, previousVersion) {
      if ((counters.get(doc.id)?.version ?? null) !== previousVersion) return false;
      counters.set(doc.id, stored(doc));
      return true;
    },
    async replaceCounter(doc) {
      counters.set(doc.id, stored(doc));
    },
    async counterIds() {
      return [...counters.keys()];
    },
    async deleteCounters(ids) {
      for (const id of ids) counters.delete(id);
    },
    async readCountedUntil() {
      return countedUntil && new Date(countedUntil);
    },
    async writeCountedUntil(at) {
      countedUntil = new Date(at);
    },
  };
}

/** The statistics projection in memory. */
export function memoryStatsStore(ledger: StatsLedger = memoryStatsLedger()): StatsStore {
  return statsStoreOver(ledger);
}
