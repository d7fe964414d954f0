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
  tally: string;
}
interface StoredFold {
  _id: string;
  id?: string;
  events?: string;
  heldUntil?: Date;
  countedUntil?: Date;
}
interface StoredMark {
  _id: string;
  seqs: number[];
}

const JOURNAL = 'journal';
const STATUS = 'status';

function toCounter(doc: StoredCounter): CounterDocument {
  return { id: doc._id, version: doc.version, lastFold: doc.lastFold ?? null, tally: JSON.parse(doc.tally) as Tally };
}

function fromCounter(doc: CounterDocument): StoredCounter {
  const at = doc.id.lastIndexOf('@');
  return { _id: doc.id, scope: doc.id.slice(0, at), period: doc.id.slice(at + 1), version: doc.version, lastFold: doc.lastFold, tally: JSON.stringify(doc.tally) };
}

/**
 * The statistics ledger on `stats_events`, `stats_counters`, `stats_fold` and `stats_marks`: every
 * read by exact `_id` but the fold's "any few recorded events", every counter written whole under
 * its version (FerretDB rewrites a document on any update anyway, and an `$inc` on thousands of
 * nested numbers took seconds there).
 */
export function mongoStatsLedger(database: Database): StatsLedger {
  const db = database.connection.db!;
  const { StatsEvent, StatsCounter, StatsFold, StatsMark } = database.models;
  const events = db.collection<StoredEvent>(StatsEvent.collection.collectionName);
  const counters = db.collection<StoredCounter>(StatsCounter.collection.collectionName);
  const fold = db.collection<StoredFold>(StatsFold.collection.collectionName);
  const marks = db.collection<StoredMark>(StatsMark.collection.collectionName);

  const insertIgnoringDuplicates = async <T extends { _id: string }>(collection: typeof events | typeof counters, docs: T[]) => {
    if (!docs.length) return;
    try {
      await collection.insertMany(docs as never, { ordered: false });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Some were there already (a re-run): add the others one by one.
      for (const doc of docs) {
        await collection.insertOne(doc as never).catch((one: unknown) => {
          if (!isDuplicateKey(one)) throw one;
        });
      }
    }
  };

  return {
    async foldedSeqs(caseIds) {
      const folded = new Map<string, Set<number>>();
      for (const id of caseIds) {
        const mark = await marks.findOne({ _id: id });
        if (mark) folded.set(id, new Set(mark.seqs));
      }
      return folded;
    },

    async markFolded(seqs) {
      for (const [id, list] of seqs) await marks.updateOne({ _id: id }, { $addToSet: { seqs: { $each: [...list] } } }, { upsert: true });
    },

    async insertEvents(list) {
      await insertIgnoringDuplicates(
        events,
        list.map((event) => ({ _id: event.key, caseId: event.caseId, seq: event.seq, event: JSON.stringify(event) })),
      );
    },

    async pendingEvents(limit) {
      const docs = await events.find({}).limit(limit).toArray();
      return docs.map((doc) => JSON.parse(doc.event) as CountedEvent);
    },

    async deleteEvents(keys) {
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
      const doc = await counters.findOne({ _id: id });
      return doc ? toCounter(doc) : null;
    },

    async writeCounter(doc, previousVersion) {
      if (previousVersion === null) {
        try {
          await counters.insertOne(fromCounter(doc));
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
      }
      const result = await counters.replaceOne({ _id: doc.id, version: previousVersion }, fromCounter(doc));
      return result.matchedCount === 1;
    },

    async replaceCounter(doc) {
      await counters.replaceOne({ _id: doc.id }, fromCounter(doc), { upsert: true });
    },

    async counterIds() {
      const docs = await counters.find({}, { projection: { _id: 1 } }).toArray();
      return docs.map((doc) => doc._id);
    },

    async deleteCounters(ids) {
      for (let i = 0; i < ids.length; i += 500) await counters.deleteMany({ _id: { $in: ids.slice(i, i + 500) } });
    },

    async readCountedUntil() {
      const doc = await fold.findOne({ _id: STATUS });
      return doc?.countedUntil ?? null;
    },

    async writeCountedUntil(at) {
      await fold.updateOne({ _id: STATUS }, { $set: { countedUntil: at } }, { upsert: true });
    },
  };
}

/** The statistics projection on the database. */
export function mongoStatsStore(database: Database): StatsStore {
  return statsStoreOver(mongoStatsLedger(database));
}
