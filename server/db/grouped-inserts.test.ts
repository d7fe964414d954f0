import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from 'mongodb';
import type { Database } from './connection';
import { groupedInserts } from './grouped-inserts';
import { dropTestDatabase, openTestDatabase } from '../testing/database';

let database: Database;
let counter = 0;
const fresh = (): Collection<{ _id: string; n: number }> => database.connection.db!.collection(`grouped_${++counter}`);

beforeAll(async () => {
  database = await openTestDatabase('grouped-inserts');
});
afterAll(async () => dropTestDatabase(database));

describe('groupedInserts', () => {
  it('inserts a burst of documents, each told its own outcome, one winner per key', async () => {
    const collection = fresh();
    await collection.insertOne({ _id: 'taken', n: 0 });
    const insert = groupedInserts(collection, 7);
    const keys = [...Array.from({ length: 40 }, (_, i) => `k${i}`), 'k3', 'k3', 'taken', 'k39'];
    const outcomes = await Promise.all(keys.map((key, n) => insert({ _id: key, n })));

    expect(outcomes.filter((outcome) => outcome === 'inserted')).toHaveLength(40);
    expect(outcomes.slice(40)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(await collection.countDocuments()).toBe(41);
    // The first of each key is the one stored.
    expect(await collection.findOne({ _id: 'k3' })).toEqual({ _id: 'k3', n: 3 });
  });

  it('goes at once when alone and fails only its own callers when the engine refuses the write', async () => {
    const collection = fresh();
    const insert = groupedInserts(collection);
    expect(await insert({ _id: 'alone', n: 1 })).toBe('inserted');
    // A document the engine refuses (a key starting with `$`) fails its caller, not a neighbour in the group.
    const results = await Promise.allSettled([insert({ _id: 'good', n: 2 }), insert({ _id: 'bad', n: 3, $bad: 1 } as never), insert({ _id: 'fine', n: 4 })]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await collection.find({}).toArray()).map((doc) => doc._id).sort()).toEqual(['alone', 'fine', 'good']);
  });
});
