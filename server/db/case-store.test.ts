import { describeCaseStoreContract } from '../testing/case-store-contract';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { mongoCaseFollowers, mongoCaseOutbox, mongoCaseStore } from './case-store';

describeCaseStoreContract('mongo adapter on the test engine', async () => {
  const database = await openTestDatabase('case_store_contract');
  return { store: mongoCaseStore(database), outbox: mongoCaseOutbox(database), followers: mongoCaseFollowers(database), close: () => dropTestDatabase(database) };
});
