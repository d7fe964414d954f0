import { describeFigureSourceContract } from '../testing/figure-source-contract';
import { dropTestDatabase, openTestDatabase } from '../testing/database';
import { mongoCaseStore } from './case-store';
import { mongoFigureSource } from './figure-source';

describeFigureSourceContract('mongo adapter on the test engine', async () => {
  const database = await openTestDatabase('figure_source_contract');
  return { store: mongoCaseStore(database), figures: mongoFigureSource(database), close: () => dropTestDatabase(database) };
});
