import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, syncIndexes, type Database } from '../db/connection';

/** A fresh, indexed database of its own on the test engine; drop it with `dropTestDatabase`. */
export async function openTestDatabase(label = 'test', at: { engineUri?: string; name?: string } = {}): Promise<Database> {
  const name = at.name ?? `${label.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const database = await openDatabase(`${at.engineUri ?? inject('engineUri')}/${name}`);
  await syncIndexes(database);
  return database;
}

export async function dropTestDatabase(database: Database): Promise<void> {
  await database.connection.dropDatabase();
  await database.close();
}
