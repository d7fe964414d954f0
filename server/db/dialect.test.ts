import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoBulkWriteError, type Collection, type Document } from 'mongodb';
import type { Database } from './connection';
import { dropTestDatabase, openTestDatabase } from '../testing/database';

/**
 * Pins the behaviours of the engine that our code relies on or works around (ferretdb.md).
 * If an engine upgrade changes one of them, this suite says so before the product does.
 */
let database: Database;
let counter = 0;
const fresh = (): Collection<Document> => database.connection.db!.collection(`dialect_${++counter}`);

beforeAll(async () => {
  database = await openTestDatabase('dialect');
});
afterAll(async () => dropTestDatabase(database));

describe('engine dialect', () => {
  it('detects the engine from buildInfo', () => {
    expect(database.engine).toBe(process.env.TEST_MONGODB_URI ? 'mongodb' : 'ferretdb');
  });

  it('rejects a duplicate on a unique index with code 11000', async () => {
    const collection = fresh();
    await collection.createIndex({ key: 1 }, { unique: true });
    await collection.insertOne({ key: 'a' });
    await expect(collection.insertOne({ key: 'a' })).rejects.toMatchObject({ code: 11000 });
  });

  it('applies a conditional update on the version exactly once', async () => {
    const collection = fresh();
    const { insertedId } = await collection.insertOne({ version: 1, status: 'submitted' });
    const first = await collection.findOneAndUpdate({ _id: insertedId, version: 1 }, { $set: { status: 'accepted' }, $inc: { version: 1 } }, { returnDocument: 'after' });
    const stale = await collection.findOneAndUpdate({ _id: insertedId, version: 1 }, { $set: { status: 'rejected' }, $inc: { version: 1 } }, { returnDocument: 'after' });
    expect(first).toMatchObject({ status: 'accepted', version: 2 });
    expect(stale).toBeNull();
  });

  it('removes an array element by rewriting the array with $set under a version guard', async () => {
    const collection = fresh();
    const { insertedId } = await collection.insertOne({ version: 3, tags: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    const result = await collection.updateOne({ _id: insertedId, version: 3 }, { $set: { tags: [{ id: 1 }, { id: 3 }] }, $inc: { version: 1 } });
    expect(result.modifiedCount).toBe(1);
    expect(await collection.findOne({ _id: insertedId })).toMatchObject({ version: 4, tags: [{ id: 1 }, { id: 3 }] });
  });

  it('appends to an array with $push $each in the same update as $set and $inc', async () => {
    const collection = fresh();
    const { insertedId } = await collection.insertOne({ version: 1, timeline: [{ seq: 1 }], outbox: [] });
    await collection.updateOne(
      { _id: insertedId, version: 1 },
      { $set: { status: 'accepted' }, $inc: { version: 1 }, $push: { timeline: { $each: [{ seq: 2 }] }, outbox: { $each: [{ id: 'm1' }] } } } as Document,
    );
    expect(await collection.findOne({ _id: insertedId })).toMatchObject({ version: 2, status: 'accepted', timeline: [{ seq: 1 }, { seq: 2 }], outbox: [{ id: 'm1' }] });
  });

  it('groups with $match, $group and $sum', async () => {
    const collection = fresh();
    await collection.insertMany([{ street: 'a', n: 1 }, { street: 'a', n: 2 }, { street: 'b', n: 5 }]);
    const rows = await collection.aggregate([{ $match: { n: { $gt: 0 } } }, { $group: { _id: '$street', total: { $sum: '$n' } } }, { $sort: { _id: 1 } }]).toArray();
    expect(rows).toEqual([{ _id: 'a', total: 3 }, { _id: 'b', total: 5 }]);
  });

  // The district figures group by several fields at once, nested and possibly missing ones included.
  it('groups on a document of field paths, a missing or null nested field grouping as null', async () => {
    const collection = fresh();
    const since = new Date('2026-03-01T00:00:00Z');
    await collection.insertMany([
      { facets: ['all'], filedAt: new Date('2026-03-02T00:00:00Z'), street: 'a', clock: { overdue: false }, rating: { score: 4 } },
      { facets: ['all'], filedAt: new Date('2026-03-03T00:00:00Z'), street: 'a', clock: { overdue: false }, rating: { score: 4 } },
      { facets: ['all'], filedAt: new Date('2026-03-04T00:00:00Z'), street: 'a', clock: null },
      { facets: ['all'], filedAt: new Date('2026-03-05T00:00:00Z'), street: 'b', clock: { overdue: true } },
      { facets: ['all'], filedAt: new Date('2026-02-01T00:00:00Z'), street: 'b' },
    ]);
    const rows = await collection
      .aggregate([{ $match: { facets: 'all', filedAt: { $gte: since } } }, { $group: { _id: { street: '$street', overdue: '$clock.overdue', score: '$rating.score' }, n: { $sum: 1 } } }])
      .toArray();
    const normalised = rows
      .map((row) => ({ street: row._id.street, overdue: row._id.overdue ?? null, score: row._id.score ?? null, n: row.n }))
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    expect(normalised).toEqual([
      { street: 'a', overdue: false, score: 4, n: 2 },
      { street: 'a', overdue: null, score: null, n: 1 },
      { street: 'b', overdue: true, score: null, n: 1 },
    ]);
  });

  it('sorts and limits on a compound index for keyset pagination', async () => {
    const collection = fresh();
    await collection.createIndex({ street: 1, filedAt: -1, _id: -1 });
    await collection.insertMany([1, 2, 3, 4, 5].map((i) => ({ street: 's', filedAt: new Date(2026, 0, i) })));
    const firstPage = await collection.find({ street: 's' }).sort({ filedAt: -1, _id: -1 }).limit(2).toArray();
    const cursor = firstPage[1]!;
    const nextPage = await collection
      .find({ street: 's', $or: [{ filedAt: { $lt: cursor.filedAt } }, { filedAt: cursor.filedAt, _id: { $lt: cursor._id } }] })
      .sort({ filedAt: -1, _id: -1 })
      .limit(2)
      .toArray();
    expect(firstPage.map((d) => (d.filedAt as Date).getDate())).toEqual([5, 4]);
    expect(nextPage.map((d) => (d.filedAt as Date).getDate())).toEqual([3, 2]);
  });

  it('replaces a document by _id under a version guard, once', async () => {
    // Works on both engines, but FerretDB plans every update, replace and delete as a scan of the
    // whole collection even by _id (measured: replaceOne 7 ms at 1,000 stored documents, 54 ms at
    // 10,000, ~5 µs a document; deleteMany by _id $in ~66 µs a document), while findOne by _id and
    // insertOne stay ~1–2 ms at any size. So what grows with the years is kept insert-only or split
    // into bounded collections (server/db/stats-store.ts). No timing is asserted here.
    const collection = fresh();
    await collection.insertMany([{ _id: 'a', version: 1, n: 1 }, { _id: 'b', version: 1, n: 2 }] as Document[]);
    expect((await collection.replaceOne({ _id: 'a', version: 1 } as Document, { version: 2, n: 10 })).matchedCount).toBe(1);
    expect((await collection.replaceOne({ _id: 'a', version: 1 } as Document, { version: 2, n: 20 })).matchedCount).toBe(0);
    await collection.replaceOne({ _id: 'c' } as Document, { version: 1, n: 3 }, { upsert: true });
    expect(await collection.find({}).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', version: 2, n: 10 },
      { _id: 'b', version: 1, n: 2 },
      { _id: 'c', version: 1, n: 3 },
    ]);
  });

  it('inserts the rest of an unordered insertMany past duplicates, reporting each with code 11000 and its index', async () => {
    const collection = fresh();
    await collection.insertMany([{ _id: 'b' }, { _id: 'd' }] as Document[]);
    const error = await collection.insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }, { _id: 'd' }, { _id: 'e' }] as Document[], { ordered: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MongoBulkWriteError);
    expect([(error as MongoBulkWriteError).writeErrors].flat().map((one) => ({ code: one.code, index: one.index }))).toEqual([
      { code: 11000, index: 1 },
      { code: 11000, index: 3 },
    ]);
    expect((await collection.find({}).sort({ _id: 1 }).toArray()).map((doc) => doc._id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('lists a collection created by its first insert, with no declared model', async () => {
    const name = `dialect_implicit_${++counter}`;
    await database.connection.db!.collection(name).insertOne({ _id: 'x' } as Document);
    expect((await database.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name)).toContain(name);
  });

  describe.runIf(!process.env.TEST_MONGODB_URI)('FerretDB gaps we design around', () => {
    it('rejects nested arrays, so polygons are stored as {lng,lat} objects', async () => {
      await expect(fresh().insertOne({ coordinates: [[117.3, 31.8]] })).rejects.toThrow();
    });

    it('does not remove elements with a conditional $pull', async () => {
      const collection = fresh();
      const { insertedId } = await collection.insertOne({ tags: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }] });
      await collection.updateOne({ _id: insertedId }, { $pull: { tags: { id: { $lt: 2 } } } } as Document).catch(() => {});
      expect((await collection.findOne({ _id: insertedId }))?.tags).toHaveLength(2);
    });

    it('refuses transactions', async () => {
      const session = database.connection.getClient().startSession();
      try {
        session.startTransaction();
        await expect(fresh().insertOne({ a: 1 }, { session })).rejects.toThrow();
      } finally {
        await session.endSession().catch(() => {});
      }
    });

    it('refuses $lookup, so joins are done in TypeScript', async () => {
      await expect(fresh().aggregate([{ $lookup: { from: 'x', localField: 'a', foreignField: 'b', as: 'c' } }]).toArray()).rejects.toMatchObject({ code: 238 });
    });
  });
});
