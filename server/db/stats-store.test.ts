import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { describeStatsStoreContract } from '../testing/stats-store-contract';
import { mongoStatsLedger } from './stats-store';
import { statsStoreOver } from '../commands/stats/projection';

describeStatsStoreContract('mongo adapter on the test engine', async () => {
  const database = await openTestDatabase('stats_store_contract');
  const ledger = mongoStatsLedger(database);
  return { ledger, stats: statsStoreOver(ledger), close: () => dropTestDatabase(database) };
});
