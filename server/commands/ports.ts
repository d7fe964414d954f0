import type { SubcategoryEntry } from '../../shared/catalog/catalog';
import type { Catalog } from '../../shared/catalog/types';
import type { ListFacet } from '../../shared/cases/facets';
import type { CaseRecord } from '../../shared/cases/types';
import type { Compound, Grid, Street, Unit } from '../../shared/domain/places';
import type { Actor, Role } from '../../shared/domain/roles';
import type { CommunityCompounds, PlaceIndex } from '../../shared/routing';
import type { WorkingCalendar } from '../../shared/time/calendar';

/**
 * Every port the use cases need, in one place: the adapters in server/db, server/reference and
 * server/wechat implement them, server/wiring.ts plugs them in, tests may pass in-memory ones.
 */

/** A page of a list, newest first, with an opaque cursor for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Which cases a list shows: one scope field (or none, district-wide) and one facet. */
export interface CaseListScope {
  field: 'reporterId' | 'leadUnitCode' | 'cohandlerUnitCodes' | 'streetCode' | 'gridCode' | 'communityUnitCode' | null;
  value?: string;
  /** `all`, `status:dispatched`, `group:open`, `cat:01`, `sub:01.03`, `overdue`, `supervised` (shared/cases/facets). */
  facet: ListFacet;
}

/** The case store as use cases see it; the mongoose adapter implements it. */
export interface CaseStore {
  nextCaseNumber(now: Date): Promise<string>;
  insert(record: CaseRecord, extra: { communityUnitCode?: string }): Promise<void>;
  findById(id: string): Promise<CaseRecord | undefined>;
  /** Stores `next` only if the stored version is still `expectedVersion`; false when someone else won. */
  replaceIfVersion(next: CaseRecord, expectedVersion: number): Promise<boolean>;
  list(scope: CaseListScope, page: { cursor?: string; limit: number }): Promise<Page<CaseRecord>>;
  /** Cases whose next clock check is due, oldest first. */
  findDue(now: Date, limit: number): Promise<CaseRecord[]>;
  /** Open cases of a subcategory whose latitude is within `halfWidthM` of `lat`, at most `limit`. */
  findOpenInLatitudeBand(subcategoryCode: string, lat: number, halfWidthM: number, limit: number): Promise<CaseRecord[]>;
  /** Counts `followerId` once as a "me too" follower; false if already following. */
  addFollower(caseId: string, followerId: string): Promise<boolean>;
}

/** Attaching uploaded photos to a case: the photo adapter implements it. */
export interface PhotoPort {
  /**
   * Attaches the photos to the case if every one exists, is `ownerId`'s and is free (or already
   * this case's); otherwise attaches none and answers the ids that are not usable.
   */
  claim(photoIds: string[], caseId: string, ownerId: string): Promise<string[]>;
  /** Undoes a claim whose case write did not happen. */
  release(photoIds: string[], caseId: string): Promise<void>;
}

/** Where published catalog versions are kept; versions are only ever added. */
export interface CatalogStore {
  /** Stores a new version; a version number already taken fails with a duplicate-key error (11000). */
  insert(catalog: Catalog, publishedBy: string): Promise<void>;
}

/**
 * The district's reference data as use cases read it: places, units, the working calendar and
 * the versioned catalog. `server/reference` holds it in memory over the database.
 */
export interface ReferencePort {
  readonly streets: ReadonlyMap<string, Street>;
  readonly grids: ReadonlyMap<string, Grid>;
  readonly compounds: ReadonlyMap<string, Compound>;
  readonly units: readonly Unit[];
  readonly unitsByCode: ReadonlyMap<string, Unit>;
  readonly communities: readonly CommunityCompounds[];
  readonly placeIndex: PlaceIndex;
  readonly calendar: WorkingCalendar;
  /** The committee (居委会) serving a compound, if any. */
  communityOf(compoundCode: string | undefined): string | undefined;
  /** A published catalog version, or undefined if it was never published. */
  catalog(version: number): Promise<Catalog | undefined>;
  /** The version new cases are filed under; `fresh` re-reads it now. */
  latestCatalog(now?: number, options?: { fresh?: boolean }): Promise<Catalog>;
  /** A case's category and subcategory, from the catalog version it was filed under. */
  entryOf(record: { catalogVersion: number; subcategoryCode: string }): Promise<SubcategoryEntry | undefined>;
  /** A subcategory of the version new cases are filed under, with that version. */
  currentEntry(code: string, now?: number): Promise<(SubcategoryEntry & { catalog: Catalog }) | undefined>;
  /** Called after this process publishes a version, so it is used at once. */
  noteCatalogPublished(catalog: Catalog): void;
}

/** A stored photo's facts: a plain object, whatever keeps it. */
export interface StoredPhoto {
  id: string;
  ownerId: string;
  ownerRole: Role;
  bytes: number;
  width: number;
  height: number;
  createdAt: Date;
  caseId: string | null;
}

export type PhotoRefusal = 'unsupported_type' | 'too_many_pixels' | 'unreadable';

/** Where uploaded photos are processed and kept: `server/photos` (sharp, files, the photo collection). */
export interface PhotoLibrary {
  /** Whether HEIC uploads are decoded here (it depends on the image library's build). */
  readonly heicSupported: boolean;
  /** Re-encodes an upload (metadata stripped) and stores it for its owner; a refusal names the problem. */
  store(bytes: Buffer, owner: { ownerId: string; ownerRole: Role; now: Date }): Promise<{ ok: true; photo: StoredPhoto } | { ok: false; problem: PhotoRefusal }>;
  /** A photo by id; undefined for unknown or malformed ids. */
  find(id: string): Promise<StoredPhoto | undefined>;
  /** Where the bytes of a photo's size are, for the HTTP layer to stream. */
  filePath(id: string, size: 'full' | 'thumb'): string;
}

/** Accounts as sign-in reads them (`server/auth` over the database). */
export interface AccountView {
  id: string;
  loginKey: string;
  username?: string;
  displayName: string;
  role: Role;
  scope: Actor['scope'];
  passwordHash?: string;
  disabled: boolean;
  demo: boolean;
}

export interface AccountPort {
  /** An account by its login key (`pw:<username>` or `wx:<openid>`). */
  findByLoginKey(loginKey: string): Promise<AccountView | undefined>;
  /** The resident account of a WeChat user, created at their first sign-in. */
  findOrCreateWeChatResident(input: { openid: string; displayName: string }): Promise<AccountView>;
}

/** What mini-program sign-in needs from WeChat (the gateway in `server/wechat` implements it). */
export interface WeChatLoginPort {
  code2Session(
    code: string,
  ): Promise<{ ok: true; openid: string; unionid?: string } | { ok: false; reason: 'invalid_code' | 'code_used' | 'unavailable'; detail: string }>;
}

/** Whether the database answers, for the health check. */
export interface HealthPort {
  readonly engine: 'ferretdb' | 'mongodb';
  pingDatabase(): Promise<boolean>;
}

/** What the case use cases are built from. */
export interface CaseCommandDeps {
  store: CaseStore;
  reference: ReferencePort;
  photos: PhotoPort;
  now: () => Date;
}

/** What the catalog use cases are built from. */
export interface CatalogCommandDeps {
  catalogs: CatalogStore;
  reference: ReferencePort;
  now: () => Date;
}
