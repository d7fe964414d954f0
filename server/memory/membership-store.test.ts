import { describeMembershipStoreContract } from '../testing/membership-store-contract';
import { memoryMembershipStore, memoryRosterStore } from './membership-store';

describeMembershipStoreContract('in memory', async () => ({ memberships: memoryMembershipStore(), rosters: memoryRosterStore(), close: async () => {} }));
