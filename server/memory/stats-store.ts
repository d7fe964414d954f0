import type { CountedEvent } from '../../shared/stats/types';
import type { CounterDocument, FoldJournal, StatsLedger } from '../commands/stats/ledger';
import { statsStoreOver } from '../commands/stats/projection';
import type { StatsStore } from '../commands/ports';

/** Copies through JSON, as a database would: what is stored never shares objects with the caller. */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The statistics ledger in memory, for use-case tests and the store contract. */
export function memoryStatsLedger(): StatsLedger {
  const folded = new Set<string>();
  const events = new Map<string, CountedEvent>();
  const counters = new Map<string, CounterDocument>();
  let journal: FoldJournal | null = null;
  let countedUntil: Date | null = null;
  const stamps = new Map<string, string>();
  return {
    async foldedKeys(keys) {
      return new Set(keys.filter((key) => folded.has(key)));
    },
    async markFolded(keys) {
      for (const key of keys) folded.add(key);
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
    async readCounterTotal(id) {
      const doc = counters.get(id);
      return doc ? stored(doc.tally.total) : null;
    },
    async writeCounter(doc, previousVersion) {
      if ((counters.get(doc.id)?.version ?? null) !== previousVersion) return false;
      counters.set(doc.id, stored(doc));
      return true;
    },
    async replaceCounter(doc) {
      counters.set(doc.id, stored(doc));
    },
    async insertCounters(docs) {
      const taken = docs.filter((doc) => counters.has(doc.id));
      for (const doc of docs) if (!counters.has(doc.id)) counters.set(doc.id, stored(doc));
      if (taken.length) throw new Error(`统计计数文档已存在：${taken.map((doc) => doc.id).join('、')}`);
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
    async readStamps() {
      return Object.fromEntries(stamps);
    },
    async bumpStamps(months) {
      for (const month of months) stamps.set(month, crypto.randomUUID());
    },
  };
}

/** The statistics projection in memory. */
export function memoryStatsStore(ledger: StatsLedger = memoryStatsLedger()): StatsStore {
  return statsStoreOver(ledger);
}
