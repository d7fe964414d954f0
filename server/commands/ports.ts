import type { SubcategoryEntry } from '../../shared/catalog/catalog';
import type { Catalog } from '../../shared/catalog/types';
import type { CaseRecord } from '../../shared/cases/types';
import type { Compound, Grid, Street, Unit } from '../../shared/domain/places';
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
  /** `all`, `status:dispatched`, `group:open`, `cat:01`, `sub:01.03`, `overdue`, `supervised`. */
  facet: string;
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

// ---- accounts and identity (issue 6 §2) -------------------------------------------------------
// Imports kept with this section so that it merges as one block beside the case ports.
import type { AccountAuditAction, LoginKind } from '../../shared/api/accounts';
import type { Actor, Role, Scope } from '../../shared/domain/roles';

/** One change to an account, kept on the account itself so the change and its record are one write. */
export interface AccountAuditRecord {
  action: AccountAuditAction;
  at: Date;
  byId: string;
  byName: string;
  from?: string;
  to?: string;
  reason?: string;
}

/** An account as use cases see it: a plain object, never a password hash. */
export interface StoredAccount {
  id: string;
  kind: LoginKind;
  username?: string;
  displayName: string;
  role: Role;
  scope: Scope;
  disabled: boolean;
  /** Moves on at each password reset and disable: tokens signed under an older one stop working. */
  credentialGeneration: number;
  /** Moves on at every administrative change: the guard of the next one. */
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  audit: AccountAuditRecord[];
}

export interface NewStaffAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  scope: Scope;
  audit: AccountAuditRecord[];
}

export interface AccountChanges {
  role?: Role;
  scope?: Scope;
  disabled?: boolean;
  passwordHash?: string;
  credentialGeneration?: number;
  /** The whole trail as it is to be stored (bounded by the caller). */
  audit: AccountAuditRecord[];
}

/** Which accounts a list shows: by role, and by street (scope street or a unit of the street). */
export interface AccountListFilter {
  role?: Role;
  streetCode?: string;
  /** Units of the street: their accounts belong to it although their scope names no street. */
  unitCodes?: string[];
}

/** The account store as use cases see it; the mongoose adapter implements it. */
export interface AccountStore {
  /** The account, or undefined when none has this id (a malformed id included). */
  findById(id: string): Promise<StoredAccount | undefined>;
  /** Newest first. */
  list(filter: AccountListFilter, page: { cursor?: string; limit: number }): Promise<Page<StoredAccount>>;
  /** The stored account, or `username_taken` when the unique login key refuses it. */
  insertStaff(account: NewStaffAccount): Promise<StoredAccount | 'username_taken'>;
  /** Writes `changes` (audit included) only if the stored revision is still `expectedRevision`. */
  updateIfRevision(id: string, expectedRevision: number, changes: AccountChanges): Promise<boolean>;
}

/** Who a token's account is now, as the request acts: read per request, cached for seconds. */
export interface AccountIdentity {
  /** Undefined when the stored scope lacks a field the role needs: such an account acts as nobody. */
  actor: Actor | undefined;
  kind: LoginKind;
  disabled: boolean;
  credentialGeneration: number;
}

/**
 * Identity lookup on every request. Implementations may cache for a few seconds; `forget` drops
 * one account's entry, and every change made through this process calls it, so the next request
 * sees the change. Other processes see it once their entry expires.
 */
export interface IdentityPort {
  identityOf(accountId: string): Promise<AccountIdentity | undefined>;
  forget(accountId: string): void;
}
