import { describeConsentStoreContract } from '../testing/consent-store-contract';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { mongoConsentStore } from './wechat-store';

describeConsentStoreContract('mongo adapter on the test engine', async () => {
  const database = await openTestDatabase('consent_store_contract');
  return { consents: mongoConsentStore(database), close: () => dropTestDatabase(database) };
});
