import type { z } from 'zod';
import type { caseDetailSchema, caseListSchema, caseSummarySchema, caseViewSchema, nearbyCasesResponseSchema } from '../../shared/api/cases';
import type { CaseEventType } from '../../shared/cases/events';
import type { FileCaseRequest, ListCasesQuery } from '../../shared/schemas/cases';
import { request } from './http';

/**
 * Cases as the app receives them: the JSON of the shared response schemas (dates as ISO strings;
 * the app formats them where it shows them).
 */
export type CaseSummary = z.input<typeof caseSummarySchema>;
export type CasePage = z.input<typeof caseListSchema>;
export type CaseView = z.input<typeof caseViewSchema>;
export type CaseDetail = z.input<typeof caseDetailSchema>;
export type FullCaseDetail = Extract<CaseDetail, { view: 'full' }>;
export type TimelineStep = CaseDetail['timeline'][number];
export type NearbyCases = z.input<typeof nearbyCasesResponseSchema>;
export type { FileCaseRequest } from '../../shared/schemas/cases';

export type CaseListQuery = Partial<Omit<ListCasesQuery, 'view' | 'limit'>> & { view: ListCasesQuery['view']; limit?: number };

/**
 * Files a case. The key makes a retry safe: the server answers a repeated key with the case it
 * filed the first time, so a submit that lost its answer to a bad network never files twice.
 */
export function fileCase(input: FileCaseRequest, idempotencyKey: string): Promise<CaseDetail> {
  return request<CaseDetail>('POST', '/api/v1/cases', input, { headers: { 'Idempotency-Key': idempotencyKey } });
}

export function listCases(query: CaseListQuery): Promise<CasePage> {
  return request<CasePage>('GET', '/api/v1/cases', undefined, { query: { ...query } });
}

export function getCase(id: string): Promise<CaseDetail> {
  return request<CaseDetail>('GET', `/api/v1/cases/${encodeURIComponent(id)}`);
}

/**
 * One step of the case's life (accept, dispatch, rate, …). The version the page showed goes as
 * If-Match, so a step taken on a case someone else has just changed is refused (409), not applied
 * to a state the user never saw.
 */
export function actOnCase(id: string, type: CaseEventType, body: Record<string, unknown>, version?: number): Promise<CaseView> {
  return request<CaseView>('POST', `/api/v1/cases/${encodeURIComponent(id)}/events/${type}`, body, {
    headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
  });
}

/** "我也遇到": follow someone else's open case instead of filing it again. */
export function followCase(id: string): Promise<CaseView> {
  return request<CaseView>('POST', `/api/v1/cases/${encodeURIComponent(id)}/follow`);
}

export function nearbyCases(subcategoryCode: string, lng: number, lat: number): Promise<NearbyCases> {
  return request<NearbyCases>('GET', '/api/v1/cases/nearby', undefined, { query: { subcategoryCode, lng, lat } });
}

/** A fresh key for one filing; kept with the draft so every retry of that filing sends the same. */
export function newIdempotencyKey(random: () => number = Math.random, now: () => number = Date.now): string {
  const part = () => Math.floor(random() * 0x100000000).toString(36);
  return `${now().toString(36)}-${part()}${part()}${part()}`;
}
