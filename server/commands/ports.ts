import type { CaseRecord } from '../../shared/cases/types';

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
