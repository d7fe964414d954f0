import type { CaseCommandDeps } from './commands/cases';
import type { CatalogCommandDeps } from './commands/catalog';
import { mongoCatalogStore } from './db/catalog-store';
import { mongoCaseStore } from './db/case-store';
import type { Database } from './db/connection';
import { mongoPhotoPort } from './db/photo-port';
import type { ReferenceData } from './reference/reference-data';

/** The composition root of the case use cases: the mongoose adapters behind their ports. */
export function caseCommandDeps(database: Database, reference: ReferenceData, now: () => Date): CaseCommandDeps {
  return { store: mongoCaseStore(database), reference, photos: mongoPhotoPort(database), now };
}

/** The catalog use cases with their mongoose adapter. */
export function catalogCommandDeps(database: Database, reference: ReferenceData, now: () => Date): CatalogCommandDeps {
  return { catalogs: mongoCatalogStore(database), reference, now };
}
