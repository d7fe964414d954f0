import type { Actor } from '../domain/roles';
import { partiesOf } from './rules';
import type { CaseRecord } from './types';

/**
 * Whether `actor` sees the case in full (reporter, names, phone, exact place, every note) or only
 * in its public, masked form. Full view goes to whoever takes part in the case — the reporter, its
 * units, its grid, community, street and the district — and to administrators; everyone else,
 * signed in or not, gets the public view.
 */
export function seesCaseInFull(record: CaseRecord, actor: Actor | undefined): boolean {
  if (!actor) return false;
  // Whoever filed it — a resident, or staff filing from patrol or the hotline — follows it in full.
  if (actor.role === 'admin' || actor.id === record.reporter.accountId) return true;
  return partiesOf(record, actor).length > 0;
}

/** `138****5678`: the form phone numbers take wherever a number must be shown but not given away. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/**
 * Rounds a point to 0.002° (~200 m): enough to show the neighbourhood on a public map, not
 * enough to find a reporter's door.
 */
export function coarsenPoint(point: { lng: number; lat: number }): { lng: number; lat: number } {
  const snap = (value: number) => Math.round(value / 0.002) * 0.002;
  return { lng: Number(snap(point.lng).toFixed(3)), lat: Number(snap(point.lat).toFixed(3)) };
}

/**
 * Who may see a photo:
 * - once a case shows it, everyone, signed in or not: the public case view displays case photos
 *   the way a notice board would (the lead engineer may narrow this, e.g. to non-private categories);
 * - before that, while it is only an upload, its uploader, so the filing form can show a preview;
 * - and any staff role (everything but resident), who review and dispatch what residents send.
 * Another resident never sees someone's unfiled photo: it may show the inside of their home.
 */
export function canViewPhoto(photo: { ownerId: string; caseId: string | null }, actor: Actor | undefined): boolean {
  if (photo.caseId !== null) return true;
  if (!actor) return false;
  return actor.id === photo.ownerId || actor.role !== 'resident';
}

