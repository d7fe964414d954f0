import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { Binary, MongoBulkWriteError, type Collection, type OptionalUnlessRequiredId } from 'mongodb';
import type { Counters } from '../../shared/stats/counters';
import { monthOfCounterDocument } from '../../shared/stats/documents';
import type { CountedEvent, Tally } from '../../shared/stats/types';
import type { StatsStore } from '../commands/ports';
import type { CounterDocument, FoldJournal, StatsLedger } from '../commands/stats/ledger';
import { statsStoreOver } from '../commands/stats/projection';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';

interface StoredEvent {
  _id: string;
  caseId: string;
  seq: number;
  event: string;
}
interface StoredCounter {
  _id: string;
  scope: string;
  period: string;
  version: number;
  lastFold: string | null;
  /** The tally's JSON, deflated; a plain JSON string in documents written before compression. */
  tally: Binary | string;
  /** The tally's total as JSON, apart: what a compared period reads. Absent in documents written before it. */
  total?: string;
}
interface StoredFold {
  _id: string;
  id?: string;
  events?: string;
  heldUntil?: Date;
  countedUntil?: Date;
  months?: Record<string, string>;
}
interface StoredFolded {
  _id: string;
}

const JOURNAL = 'journal';
const STATUS = 'status';
const STAMPS = 'stamps';
/** Bulk inserts go in slices of this many documents, so commands queued on the one FerretDB connection get their turn between slices. */
const INSERT_SLICE = 1000;
const COUNTERS_PREFIX = 'stats_counters_';
const isCounterCollection = (name: string) => /^stats_counters_\d{6}$/.test(name);

/** The collection a counter document is kept in: one per month of its period, `stats_counters_YYYYMM`. */
export const counterCollectionOf = (id: string) => `${COUNTERS_PREFIX}${monthOfCounterDocument(id).replace('-', '')}`;

/**
 * A district month's tally is some 300 KB of JSON (600 rows of counters) and the engine's cost of a
 * read grows with the bytes: deflated it is a tenth, and reading a year of them drops from about
 * 20 ms a document to a few (bench `dashboard`). Level 1: the fold writes many documents a batch.
 */
const packTally = (tally: Tally) => new Binary(deflateRawSync(JSON.stringify(tally), { level: constants.Z_BEST_SPEED }));
const unpackTally = (stored: Binary | string): Tally => JSON.parse(typeof stored === 'string' ? stored : inflateRawSync(stored.buffer).toString('utf8')) as Tally;

function toCounter(doc: StoredCounter): CounterDocument {
  return { id: doc._id, version: doc.version, lastFold: doc.lastFold ?? null, tally: unpackTally(doc.tally) };
}

function fromCounter(doc: CounterDocument): StoredCounter {
  const at = doc.id.lastIndexOf('@');
  return {
    _id: doc.id,
    scope: doc.id.slice(0, at),
    period: doc.id.slice(at + 1),
    version: doc.version,
    lastFold: doc.lastFold,
    tally: packTally(doc.tally),
    total: JSON.stringify(doc.tally.total),
  };
}

/** Groups by the collection each belongs in, keeping the order within each. */
function byCollection<T>(items: readonly T[], idOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = counterCollectionOf(idOf(item));
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

/**
 * Inserts every document not stored yet, unordered so a duplicate stops nothing; answers the ids
 * that were stored already. Any error but duplicates is thrown.
 */
async function insertUnordered<T extends { _id: string }>(collection: Collection<T>, docs: readonly T[]): Promise<string[]> {
  const stored: string[] = [];
  for (let i = 0; i < docs.length; i += INSERT_SLICE) {
    const slice = docs.slice(i, i + INSERT_SLICE);
    try {
      await collection.insertMany(slice as OptionalUnlessRequiredId<T>[], { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const writeErrors = [error.writeErrors].flat();
      if (!writeErrors.length || !writeErrors.every(isDuplicateKey)) throw error;
      stored.push(...writeErrors.map((one) => slice[one.index]!._id));
    }
  }
  return stored;
}

/**
 * The statistics ledger on `stats_events`, `stats_fold`, `stats_folded` and the month collections
 * `stats_counters_YYYYMM`. Every read is by exact `_id` but the fold's "any few recorded events";
 * every counter is written whole under its version (an `$inc` on thousands of nested numbers took
 * seconds on FerretDB). What grows with the years is written insert-only (`stats_folded`) or split
 * by month (the counters): FerretDB plans every update, replace and delete, even by `_id`, as a scan
 * of the collection (about 5 µs a stored document; dialect.test.ts), so the fold's replaces scan one
 * month's documents, not every month's.
 */
export function mongoStatsLedger(database: Database): StatsLedger {
  const db = database.connection.db!;
  const { StatsEvent, StatsFold, StatsFolded } = database.models;
  const events = db.collection<StoredEvent>(StatsEvent.collection.collectionName);
  const fold = db.collection<StoredFold>(StatsFold.collection.collectionName);
  const folded = db.collection<StoredFolded>(StatsFolded.collection.collectionName);
  const counters = (name: string) => db.collection<StoredCounter>(name);
  const countersOf = (id: string) => counters(counterCollectionOf(id));

  return {
    async foldedKeys(keys) {
      const found = new Set<string>();
      // One exact `_id` read per key: `$in` is a scan of the whole collection on FerretDB.
      for (const key of keys) if (await folded.findOne({ _id: key }, { projection: { _id: 1 } })) found.add(key);
      return found;
    },

    async markFolded(keys) {
      await insertUnordered(folded, keys.map((key) => ({ _id: key })));
    },

    async insertEvents(list) {
      await insertUnordered(
        events,
        list.map((event) => ({ _id: event.key, caseId: event.caseId, seq: event.seq, event: JSON.stringify(event) })),
      );
    },

    async pendingEvents(limit) {
      const docs = await events.find({}).limit(limit).toArray();
      return docs.map((doc) => JSON.parse(doc.event) as CountedEvent);
    },

    async deleteEvents(keys) {
      // `$in` scans `stats_events`, which the fold keeps small (a few batches at most, emptied every 10 s).
      for (let i = 0; i < keys.length; i += 500) await events.deleteMany({ _id: { $in: keys.slice(i, i + 500) } });
    },

    async readJournal() {
      const doc = await fold.findOne({ _id: JOURNAL });
      if (!doc?.id) return null;
      return { id: doc.id, events: JSON.parse(doc.events ?? '[]') as CountedEvent[], ...(doc.heldUntil ? { heldUntil: doc.heldUntil } : {}) } satisfies FoldJournal;
    },

    async createJournal(journal) {
      try {
        await fold.insertOne({ _id: JOURNAL, id: journal.id, events: JSON.stringify(journal.events), ...(journal.heldUntil ? { heldUntil: journal.heldUntil } : {}) });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },

    async deleteJournal(id) {
      await fold.deleteOne({ _id: JOURNAL, id });
    },

    async readCounter(id) {
      const doc = await countersOf(id).findOne({ _id: id });
      return doc ? toCounter(doc) : null;
    },

    async readCounterTotal(id) {
      const doc = await countersOf(id).findOne({ _id: id }, { projection: { total: 1 } });
      if (!doc) return null;
      if (doc.total !== undefined) return JSON.parse(doc.total) as Counters;
      const whole = await countersOf(id).findOne({ _id: id });
      return whole ? unpackTally(whole.tally).total : null;
    },

    async writeCounter(doc, previousVersion) {
      if (previousVersion === null) {
        try {
          await countersOf(doc.id).insertOne(fromCounter(doc));
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
      }
      const result = await countersOf(doc.id).replaceOne({ _id: doc.id, version: previousVersion }, fromCounter(doc));
      return result.matchedCount === 1;
    },

    async replaceCounter(doc) {
      await countersOf(doc.id).replaceOne({ _id: doc.id }, fromCounter(doc), { upsert: true });
    },

    async insertCounters(docs) {
      const taken: string[] = [];
      for (const [name, group] of byCollection(docs, (doc) => doc.id)) taken.push(...(await insertUnordered(counters(name), group.map(fromCounter))));
      if (taken.length) throw new Error(`统计计数文档已存在：${taken.join('、')}`);
    },

    async counterIds() {
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name).filter(isCounterCollection);
      const ids: string[] = [];
      for (const name of names.sort()) ids.push(...(await counters(name).find({}, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id));
      return ids;
    },

    async deleteCounters(ids) {
      // Only the rebuild deletes (documents no case counts into any more): each `$in` scans one month.
      for (const [name, group] of byCollection(ids, (id) => id)) {
        for (let i = 0; i < group.length; i += 500) await counters(name).deleteMany({ _id: { $in: group.slice(i, i + 500) } });
      }
    },

    async readCountedUntil() {
      const doc = await fold.findOne({ _id: STATUS });
      return doc?.countedUntil ?? null;
    },

    async writeCountedUntil(at) {
      await fold.updateOne({ _id: STATUS }, { $set: { countedUntil: at } }, { upsert: true });
    },

    async readStamps() {
      return (await fold.findOne({ _id: STAMPS }))?.months ?? {};
    },

    async bumpStamps(months) {
      if (!months.length) return;
      // Random, not counted up: a stamps document lost or reset must not bring back a token a process still holds.
      await fold.updateOne({ _id: STAMPS }, { $set: Object.fromEntries(months.map((month) => [`months.${month}`, crypto.randomUUID()])) }, { upsert: true });
    },
  };
}

/** The statistics projection on the database. */
export function mongoStatsStore(database: Database): StatsStore {
  return statsStoreOver(mongoStatsLedger(database));
}
