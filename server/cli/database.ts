import path from 'node:path';
import type { Config } from '../config';
import { openDatabase, syncIndexes, type Database } from '../db/connection';
import { startEmbeddedEngine } from '../engine/ferretdb';

/**
 * A command's database: `MONGODB_URI` when set, else the embedded engine on `DATA_DIR` (the one
 * `npm start` uses), with indexes in place; everything closed again however `work` ends.
 */
export async function withCommandDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const engine = config.mongodbUri ? undefined : await startEmbeddedEngine({ dataDir: path.join(config.dataDir, 'db') });
  const database = await openDatabase(config.mongodbUri ?? `${engine!.baseUri}/gongzhi_baohe`);
  try {
    await syncIndexes(database);
    return await work(database);
  } finally {
    await database.close();
    await engine?.stop();
  }
}
