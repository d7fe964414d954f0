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
