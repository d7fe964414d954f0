import mongoose, { type Connection } from 'mongoose';
import { MongoClient } from 'mongodb';
import { registerModels, type Models } from './models';

export type EngineKind = 'ferretdb' | 'mongodb';

export interface Database {
  connection: Connection;
  models: Models;
  engine: EngineKind;
  close(): Promise<void>;
}

/** Asks the server who it is: FerretDB answers `buildInfo` with a `ferretdbVersion` field. */
export async function detectEngine(uri: string): Promise<EngineKind> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const info = await client.db('admin').command({ buildInfo: 1 });
    return 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb';
  } finally {
    await client.close();
  }
}

/**
 * Opens a mongoose connection with our models registered. Indexes are never built implicitly
 * (`autoIndex: false`): `syncIndexes` creates the declared ones in one explicit start-up step.
 */
export async function openDatabase(uri: string, engine?: EngineKind): Promise<Database> {
  const kind = engine ?? (await detectEngine(uri));
  const connection = mongoose.createConnection(uri, {
    autoIndex: false,
    // FerretDB's updates are read-then-overwrite: one connection serialises commands so two
    // writers on a document cannot interleave. MongoDB keeps single-document atomicity itself.
    maxPoolSize: kind === 'ferretdb' ? 1 : 20,
    serverSelectionTimeoutMS: 10_000,
  });
  await connection.asPromise();
  const models = registerModels(connection);
  return {
    connection,
    models,
    engine: kind,
    close: () => connection.close(),
  };
}

/** Creates every index the schemas declare; existing ones are left as they are. */
export async function syncIndexes(database: Database): Promise<void> {
  for (const model of Object.values(database.models)) {
    await model.createCollection().catch((error: { code?: number }) => {
      if (error.code !== 48) throw error; // 48: the collection already exists
    });
    await model.createIndexes();
  }
}

/** Answers whether the database responds, for the health check. */
export async function pingDatabase(database: Database): Promise<boolean> {
  try {
    const db = database.connection.db;
    if (!db) return false;
    await db.command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
