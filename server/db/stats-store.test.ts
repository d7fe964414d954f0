import { Binary } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { countedEventsOf } from '../../shared/stats/derive';
import { counterDocumentIdsOf } from '../../shared/stats/documents';
import { tallyOfEvents } from '../../shared/stats/fold';
import { randomHistories } from '../../shared/stats/testing';
import { statsStoreOver } from '../commands/stats/projection';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { describeStatsStoreContract } from '../testing/stats-store-contract';
import { counterCollectionOf, mongoStatsLedger } from './stats-store';

describeStatsStoreContract('mongo adapter on the test engine', async () => {
  const database = await openTestDatabase('stats_store_contract');
  const ledger = mongoStatsLedger(database);
  return { ledger, stats: statsStoreOver(ledger), close: () => dropTestDatabase(database) };
});

describe('where the mongo ledger keeps what grows with the years', () => {
  it('keeps each counter document in the collection of its month, and folded events insert-only by key', async () => {
    const database = await openTestDatabase('stats_store_layout');
    try {
      const events = randomHistories(5, 6).finals.flatMap((record) => countedEventsOf(record));
      const stats = statsStoreOver(mongoStatsLedger(database));
      await stats.record(events);
      while ((await stats.fold(100, new Date('2026-06-01T02:00:00Z'))) > 0);

      const expected = new Map<string, Set<string>>();
      for (const id of events.flatMap(counterDocumentIdsOf)) expected.set(counterCollectionOf(id), (expected.get(counterCollectionOf(id)) ?? new Set()).add(id));
      expect(expected.size).toBeGreaterThan(1);
      const db = database.connection.db!;
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);
      expect(names.filter((name) => name.startsWith('stats_counters')).sort()).toEqual([...expected.keys()].sort());
      for (const [name, ids] of expected) {
        const stored = await db.collection(name).find({}, { projection: { _id: 1 } }).toArray();
        expect(new Set(stored.map((doc) => doc._id as unknown as string)), name).toEqual(ids);
      }
      const folded = await db.collection('stats_folded').find({}).toArray();
      expect(folded.map((doc) => doc._id as unknown as string).sort()).toEqual(events.map((event) => event.key).sort());
      expect(folded.every((doc) => Object.keys(doc).length === 1)).toBe(true);
    } finally {
      await dropTestDatabase(database);
    }
  });

  it('names the month collection from a day or month document id', () => {
    expect(counterCollectionOf('street:ST01|category:01@d:2026-11-28')).toBe('stats_counters_202611');
    expect(counterCollectionOf('district@m:2027-01')).toBe('stats_counters_202701');
  });
});

describe('how the mongo ledger stores a tally', () => {
  it('keeps the tally deflated with its total apart, and still reads documents written as plain JSON before', async () => {
    const database = await openTestDatabase('stats_store_packing');
    try {
      const events = randomHistories(3, 20).finals.flatMap((record) => countedEventsOf(record));
      const tally = tallyOfEvents(events);
      const ledger = mongoStatsLedger(database);
      await ledger.insertCounters([{ id: 'district@m:2026-03', version: 1, lastFold: null, tally }]);
      const db = database.connection.db!;
      const raw = await db.collection(counterCollectionOf('district@m:2026-03')).findOne({ _id: 'district@m:2026-03' as never });
      expect(raw!.tally).toBeInstanceOf(Binary);
      expect((raw!.tally as Binary).length()).toBeLessThan(JSON.stringify(tally).length / 3);
      expect(JSON.parse(raw!.total as string)).toEqual(tally.total);

      const older = { _id: 'district@m:2026-04', scope: 'district', period: 'm:2026-04', version: 3, lastFold: 'fold:x', tally: JSON.stringify(tally) };
      await db.collection(counterCollectionOf(older._id)).insertOne(older as never);
      expect(await ledger.readCounter(older._id)).toEqual({ id: older._id, version: 3, lastFold: 'fold:x', tally });
      expect(await ledger.readCounterTotal(older._id)).toEqual(tally.total);
    } finally {
      await dropTestDatabase(database);
    }
  });
});

