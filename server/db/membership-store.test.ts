import { describeMembershipStoreContract } from '../testing/membership-store-contract';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { mongoMembershipStore, mongoRosterStore } from './membership-store';

describeMembershipStoreContract('mongo adapters on the test engine', async () => {
  const database = await openTestDatabase('membership_store');
  return { memberships: mongoMembershipStore(database), rosters: mongoRosterStore(database), close: () => dropTestDatabase(database) };
});
