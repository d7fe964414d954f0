import type { z } from 'zod';
import type { restorePersonSchema, updatePersonSchema, archivePersonSchema, registerPersonSchema, auditPageSchema, visitSummarySchema, personPageSchema, personRecordSchema, personViewSchema, recordVisitResultSchema, recordVisitSchema, unmaskSchema, visitCategoriesSchema, visitTeamSchema, visitViewSchema } from '../../shared/api/visits';
import Taro from '@tarojs/taro';
import { request } from './http';

/**
 * 入户走访 as the app receives it: the JSON side of the shared schemas. The only code that calls
 * `/api/v1/visits/*`. Everything answered is masked unless it is the answer to an unmask.
 */
export type VisitCategories = z.input<typeof visitCategoriesSchema>;
export type VisitCategoryView = VisitCategories['categories'][number];
export type VisitQuestionView = VisitCategoryView['questions'][number];
export type VisitPerson = z.input<typeof personViewSchema>;
export type VisitPersonPage = z.input<typeof personPageSchema>;
export type VisitRecordView = z.input<typeof visitViewSchema>;
export type PersonRecord = z.input<typeof personRecordSchema>;
/** What the app sends: the JSON form of the schema (dates as ISO text). */
export type RecordVisitBody = z.input<typeof recordVisitSchema>;
export type RecordVisitResult = z.input<typeof recordVisitResultSchema>;
export type UnmaskField = z.input<typeof unmaskSchema>['field'];

const personPath = (id: string) => `/api/v1/visits/people/${encodeURIComponent(id)}`;

/** The categories this account works with and their questions (the visit form is built from them). */
export function getVisitCategories(): Promise<VisitCategories> {
  return request<VisitCategories>('GET', '/api/v1/visits/categories');
}

/** Who is due or overdue, red first, the latest first within a level. */
export function getWorklist(query: { limit: number; cursor?: string }): Promise<VisitPersonPage> {
  return request<VisitPersonPage>('GET', '/api/v1/visits/worklist', undefined, { query });
}

/** Everyone on the account's register, by id. */
export function getRegister(query: { limit: number; cursor?: string }): Promise<VisitPersonPage> {
  return request<VisitPersonPage>('GET', '/api/v1/visits/people', undefined, { query });
}

/** One person, masked, with the last visits (their answers sealed). Audited as a read. */
export function getPersonRecord(id: string): Promise<PersonRecord> {
  return request<PersonRecord>('GET', personPath(id));
}

/** Sends a drafted visit; the same draft sent again answers the visit stored first (`replayed`). */
export function sendVisit(personId: string, body: RecordVisitBody): Promise<RecordVisitResult> {
  return request<RecordVisitResult>('POST', `${personPath(personId)}/visits`, body);
}

/** One field in clear, or the last visits opened: recorded with the reason before it is answered. */
export function unmaskField(personId: string, field: Exclude<UnmaskField, 'visits'>, reason: string): Promise<{ field: string; value: string | null }> {
  return request<{ field: string; value: string | null }>('POST', `${personPath(personId)}/unmask`, { field, reason });
}

export function unmaskVisits(personId: string, reason: string): Promise<{ field: 'visits'; value: VisitRecordView[] }> {
  return request<{ field: 'visits'; value: VisitRecordView[] }>('POST', `${personPath(personId)}/unmask`, { field: 'visits', reason });
}

/** A department's signature on a visit that found danger (会签), with an optional note of what it will do. */
export function signVisitRecord(visitId: string, note?: string): Promise<VisitRecordView> {
  return request<VisitRecordView>('POST', `/api/v1/visits/records/${encodeURIComponent(visitId)}/sign-off`, note ? { note } : {});
}

const categoriesKey = (accountId: string) => `gongzhi.visitCategories.${accountId}`;
const teamKey = (accountId: string) => `gongzhi.visitTeam.${accountId}`;

/** The server's answer when it comes, kept under `key`; without network, the copy kept from the last answer. */
async function freshOrKept<T>(key: string, fetch: () => Promise<T>, looksRight: (kept: unknown) => boolean): Promise<T> {
  try {
    const fresh = await fetch();
    try {
      Taro.setStorageSync(key, fresh);
    } catch {
      // Storage full: the form works while online.
    }
    return fresh;
  } catch (error) {
    const kept: unknown = Taro.getStorageSync(key);
    if (looksRight(kept)) return kept as T;
    throw error;
  }
}

/**
 * The categories and their questions: from the server when it answers, else the copy kept from the
 * last answer, so that a visit form opens at a door without network. They hold no one's data.
 */
export function visitCategoriesFor(accountId: string): Promise<VisitCategories> {
  return freshOrKept(categoriesKey(accountId), getVisitCategories, (kept) => !!kept && typeof kept === 'object' && Array.isArray((kept as VisitCategories).categories));
}

export type VisitTeammate = z.input<typeof visitTeamSchema>['items'][number];

/** The other grid members and leaders of the account's grid (同行人员), kept like the categories for a form without network. */
export async function visitTeamFor(accountId: string): Promise<VisitTeammate[]> {
  const team = await freshOrKept(teamKey(accountId), () => request<{ items: VisitTeammate[] }>('GET', '/api/v1/visits/team'), (kept) => !!kept && typeof kept === 'object' && Array.isArray((kept as { items: unknown }).items));
  return team.items;
}

export type VisitSummary = z.input<typeof visitSummarySchema>;
export type VisitAuditPage = z.input<typeof auditPageSchema>;
export type VisitAuditEntry = VisitAuditPage['items'][number];

/** The register's figures by category for the account's slice; null stands for a group under the threshold. */
export function getVisitSummary(): Promise<VisitSummary> {
  return request<VisitSummary>('GET', '/api/v1/visits/summary');
}

/** The community's audit trail, newest first (its committee only). */
export function getVisitAudit(query: { limit: number; cursor?: string }): Promise<VisitAuditPage> {
  return request<VisitAuditPage>('GET', '/api/v1/visits/audit', undefined, { query });
}

export type RegisterPersonBody = z.input<typeof registerPersonSchema>;

/** 登记: the committee (its community) or the grid leader (its grid); answered masked. */
export function registerVisitPerson(body: RegisterPersonBody): Promise<VisitPerson> {
  return request<VisitPerson>('POST', '/api/v1/visits/people', body);
}

export type ArchivePersonBody = z.input<typeof archivePersonSchema>;

/** 归档: the person left the category; off the worklist and the reminders, read by the committee only. */
export function archiveVisitPerson(personId: string, body: ArchivePersonBody): Promise<VisitPerson> {
  return request<VisitPerson>('POST', `${personPath(personId)}/archive`, body);
}

export type PersonChangeBody = z.input<typeof updatePersonSchema>;

/** 登记变化: a new risk level, a major change (出院、监护人变化…) or corrected contact details, under the version read. */
export function changeVisitPerson(personId: string, body: PersonChangeBody): Promise<VisitPerson> {
  return request<VisitPerson>('POST', `${personPath(personId)}/changes`, body);
}

export type RestorePersonBody = z.input<typeof restorePersonSchema>;

/** 恢复: the committee brings an archived person back before the purge; a visit falls due at once. */
export function restoreVisitPerson(personId: string, body: RestorePersonBody): Promise<VisitPerson> {
  return request<VisitPerson>('POST', `${personPath(personId)}/restore`, body);
}
