import { describeConsentStoreContract } from '../testing/consent-store-contract';
import { memoryConsentStore } from './consent-store';

describeConsentStoreContract('in memory', async () => ({ consents: memoryConsentStore(), close: async () => {} }));
