import { describeCaseStoreContract } from '../testing/case-store-contract';
import { memoryCaseStore } from './case-store';

describeCaseStoreContract('in memory', async () => ({ store: memoryCaseStore(), close: async () => {} }));
