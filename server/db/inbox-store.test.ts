import { describeInboxStoreContract } from '../testing/inbox-store-contract';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { mongoInboxStore } from './inbox-store';

describeInboxStoreContract('mongo adapter on the test engine', async () => {
  const database = await openTestDatabase('inbox_store_contract');
  return { inbox: mongoInboxStore(database), close: () => dropTestDatabase(database) };
});
