import { describeCaseStoreContract } from '../testing/case-store-contract';
import { memoryCaseStore } from './case-store';

describeCaseStoreContract('in memory', async () => {
  const store = memoryCaseStore();
  return { store, outbox: store.outbox, followers: store.followers, close: async () => {} };
});
