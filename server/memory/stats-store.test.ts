import { describeStatsStoreContract } from '../testing/stats-store-contract';
import { memoryStatsLedger, memoryStatsStore } from './stats-store';

describeStatsStoreContract('in memory', async () => {
  const ledger = memoryStatsLedger();
  return { ledger, stats: memoryStatsStore(ledger), close: async () => {} };
});
