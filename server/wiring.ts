import type { CaseCommandDeps } from './commands/cases';
import { mongoCaseStore } from './db/case-store';
import type { Database } from './db/connection';
import { mongoPhotoPort } from './db/photo-port';
import type { ReferenceData } from './reference/reference-data';

/** The composition root of the case use cases: the mongoose adapters behind their ports. */
export function caseCommandDeps(database: Database, reference: ReferenceData, now: () => Date): CaseCommandDeps {
  return { store: mongoCaseStore(database), reference, photos: mongoPhotoPort(database), now };
}
