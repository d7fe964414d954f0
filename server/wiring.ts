import type { CaseCommandDeps } from './commands/cases';
import type { CatalogCommandDeps } from './commands/catalog';
import type { CaseStore } from './commands/ports';
import { bindUseCases, type UseCases } from './commands/use-cases';
import { findAccountByLoginKey } from './auth/accounts';
import { findOrCreateWeChatResident } from './auth/wechat-residents';
import { mongoCatalogStore } from './db/catalog-store';
import { mongoCaseStore } from './db/case-store';
import { pingDatabase, type Database } from './db/connection';
import { mongoPhotoPort } from './db/photo-port';
import { photoLibrary } from './photos/photos';
import type { ReferenceData } from './reference/reference-data';
import type { WeChatGateway } from './wechat/gateway';

/** What the composition root plugs in: the database, reference data, the clock and the outside services. */
export interface Wiring {
  database: Database;
  reference: ReferenceData;
  now: () => Date;
  uploadsDir: string;
  wechat?: WeChatGateway;
  /** Wraps the case store, e.g. with a barrier that holds racing writers (server/testing/barrier.ts). */
  wrapCaseStore?: (store: CaseStore) => CaseStore;
}

/** The composition root: every use case bound once to the mongoose and file adapters behind its ports. */
export function buildUseCases(wiring: Wiring): UseCases {
  const { database } = wiring;
  const cases = mongoCaseStore(database);
  return bindUseCases({
    cases: wiring.wrapCaseStore ? wiring.wrapCaseStore(cases) : cases,
    photos: mongoPhotoPort(database),
    photoLibrary: photoLibrary(database, wiring.uploadsDir),
    catalogs: mongoCatalogStore(database),
    reference: wiring.reference,
    accounts: {
      findByLoginKey: (loginKey) => findAccountByLoginKey(database, loginKey),
      findOrCreateWeChatResident: (input) => findOrCreateWeChatResident(database, input),
    },
    health: { engine: database.engine, pingDatabase: () => pingDatabase(database) },
    wechat: wiring.wechat,
    now: wiring.now,
  });
}

/** The case use cases' ports over the mongoose adapters (the scheduler and storage tests use them). */
export function caseCommandDeps(database: Database, reference: ReferenceData, now: () => Date): CaseCommandDeps {
  return { store: mongoCaseStore(database), reference, photos: mongoPhotoPort(database), now };
}

/** The catalog use cases with their mongoose adapter. */
export function catalogCommandDeps(database: Database, reference: ReferenceData, now: () => Date): CatalogCommandDeps {
  return { catalogs: mongoCatalogStore(database), reference, now };
}
