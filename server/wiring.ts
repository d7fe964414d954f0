import { hashPassword } from './auth/password';
import { cachedIdentities } from './auth/identity';
import type { AccountCommandDeps } from './commands/accounts';
import type { CaseCommandDeps } from './commands/cases';
import type { CatalogCommandDeps } from './commands/catalog';
import { mongoAccountStore } from './db/account-store';
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

/**
 * The account use cases and the per-request identity lookup, sharing one cache: an account change
 * made here is forgotten by the cache at once, so it counts from the account's next request.
 */
export function accountCommandDeps(database: Database, reference: ReferenceData, now: () => Date): AccountCommandDeps {
  const store = mongoAccountStore(database);
  return { store, identities: cachedIdentities(store), reference, hashPassword, now };
}
