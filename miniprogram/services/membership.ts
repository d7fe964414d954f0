import type { z } from 'zod';
import type {
  ClaimMembership,
  ListMembershipsQuery,
  MembershipStatus,
  membershipPageSchema,
  membershipViewSchema,
  myGridsSchema,
  myMembershipsSchema,
  rosterImportResultSchema,
} from '../../shared/api/membership';
import { request } from './http';

/**
 * Residents' homes (住户身份) as the app receives them: the JSON of the shared response schemas
 * (dates as ISO strings; pages format them where they show them).
 */
export type MembershipView = z.input<typeof membershipViewSchema>;
export type MembershipPage = z.input<typeof membershipPageSchema>;
export type MyMemberships = z.input<typeof myMembershipsSchema>;
export type MyGrids = z.input<typeof myGridsSchema>;
export type GridTeam = MyGrids['items'][number];
export type RosterImportResult = z.input<typeof rosterImportResultSchema>;
export type { ClaimMembership, MembershipRelation, MembershipStatus } from '../../shared/api/membership';

const membershipPath = (id: string) => `/api/v1/memberships/${encodeURIComponent(id)}`;

// ——— residents ———

/** Claims a home; `verified` at once when the community's roster has the room with the same name and phone, else `pending`. */
export function claimMembership(input: ClaimMembership): Promise<MembershipView> {
  return request<MembershipView>('POST', '/api/v1/memberships', input);
}

/** The signed-in resident's homes, every status. */
export function myMemberships(): Promise<MyMemberships> {
  return request<MyMemberships>('GET', '/api/v1/memberships/mine');
}

/** The 1+2+N team of each grid where the resident has a verified home. */
export function myGrids(): Promise<MyGrids> {
  return request<MyGrids>('GET', '/api/v1/memberships/my-grids');
}

/** 迁出: the resident leaves a home (or withdraws a claim); it stops counting at once. */
export function leaveMembership(id: string): Promise<MembershipView> {
  return request<MembershipView>('POST', `${membershipPath(id)}/leave`);
}

// ——— staff of the membership's scope ———

export type MembershipListQuery = Partial<Omit<ListMembershipsQuery, 'status'>> & { status?: MembershipStatus };

/** The roster of the staff member's scope, newest first, with each resident's name and phone. */
export function listMemberships(query: MembershipListQuery = {}): Promise<MembershipPage> {
  return request<MembershipPage>('GET', '/api/v1/memberships', undefined, { query: { ...query } });
}

/** Approves a pending claim; `revision` is the one the page showed (409 membership.stale when it moved). */
export function verifyMembership(id: string, revision: number): Promise<MembershipView> {
  return request<MembershipView>('POST', `${membershipPath(id)}/verify`, { revision });
}

export function rejectMembership(id: string, reason: string, revision: number): Promise<MembershipView> {
  return request<MembershipView>('POST', `${membershipPath(id)}/reject`, { reason, revision });
}

/**
 * Imports the community's roster: the CSV file's bytes as they are (UTF-8 or GBK; the server
 * reads both). A refused roster is a 422 `roster.rejected` whose `details.rejected` lists each bad
 * row; nothing is imported then.
 */
export function importRoster(csv: ArrayBuffer | string): Promise<RosterImportResult> {
  return request<RosterImportResult>('POST', '/api/v1/memberships/roster', csv, { headers: { 'Content-Type': 'text/csv' } });
}

/** The rejected rows of a refused roster import, from the error's details. */
export function rejectedRowsOf(details: unknown): { line: number; reasons: string[] }[] {
  if (typeof details !== 'object' || details === null || !('rejected' in details)) return [];
  const rows = (details as { rejected: unknown }).rejected;
  return Array.isArray(rows) ? (rows as { line: number; reasons: string[] }[]) : [];
}
