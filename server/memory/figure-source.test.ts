import { describeFigureSourceContract } from '../testing/figure-source-contract';
import { memoryCaseStore } from './case-store';

describeFigureSourceContract('in memory', async () => {
  const store = memoryCaseStore();
  return { store, figures: store.figures, close: async () => {} };
});
