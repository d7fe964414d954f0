import { rekeyVisits } from '../commands/visits';
import { loadConfig } from '../config';
import { fieldSealer } from '../crypto/field-sealer';
import { mongoVisitStore } from '../db/visit-store';
import { withCommandDatabase } from './database';

/**
 * `npm run visits:rekey`: re-encrypts the visit register's sealed fields under the first key of
 * VISITS_KEYS (after a rotation put a new key first). Run with the job runner stopped on FerretDB
 * (one writer); interrupted, it resumes where it stopped when run again.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  await withCommandDatabase(config, async (database) => {
    const report = await rekeyVisits({ visits: mongoVisitStore(database), sealer: fieldSealer(config.visits.keys) });
    console.log(`走访登记已换用密钥 ${config.visits.keys[0].id}：重新加密 ${report.people} 名人员、${report.visits} 条走访记录`);
  });
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
