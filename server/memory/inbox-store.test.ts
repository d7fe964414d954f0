import { describeInboxStoreContract } from '../testing/inbox-store-contract';
import { memoryInboxStore } from './inbox-store';

describeInboxStoreContract('in memory', async () => ({ inbox: memoryInboxStore(), close: async () => {} }));
