import type { Actor, Role } from '../../../shared/domain/roles';

/**
 * The inbox addresses of the notify handler and who reads them. A person's messages go to
 * `account:<id>`; an organisation's to one shared inbox its staff read: a unit's (`unit:<code>`:
 * its committee, property manager or department staff), a street centre's (`street:<code>`: the
 * street's dispatchers) and the district centre's (`district`: the district dispatchers). Both
 * directions live here, so the read side and the WeChat side cannot disagree about who is who.
 */

export const accountInbox = (accountId: string) => `account:${accountId}`;

/** Roles whose staff answer for a unit, a street centre or the district centre. */
const unitRoles = ['community', 'property_manager', 'department'] as const satisfies readonly Role[];

/** The organisation inbox an actor reads besides its own, if any. Grid staff and admins have none. */
export function organisationInboxOf(actor: Actor): string | undefined {
  switch (actor.role) {
    case 'community':
    case 'property_manager':
    case 'department':
      return `unit:${actor.scope.unitCode}`;
    case 'street_dispatcher':
      return `street:${actor.scope.streetCode}`;
    case 'district_dispatcher':
      return 'district';
    default:
      return undefined;
  }
}

/**
 * A grid's visit reminders (入户走访): `grid:<code>` for categories grid members handle, read by the
 * grid's members and leaders; `grid-leader:<code>` for the rest and for escalations, read by leaders.
 */
export const gridVisitInbox = (gridCode: string, leadersOnly: boolean) => `${leadersOnly ? 'grid-leader' : 'grid'}:${gridCode}`;

/** Every inbox an actor reads: its own, then its organisation's, then (grid staff) its grid's visit reminders. */
export function inboxesOf(actor: Actor): string[] {
  const shared = organisationInboxOf(actor);
  const grid = actor.role === 'grid_member' ? [gridVisitInbox(actor.scope.gridCode, false)] : actor.role === 'grid_leader' ? [gridVisitInbox(actor.scope.gridCode, false), gridVisitInbox(actor.scope.gridCode, true)] : [];
  return [accountInbox(actor.id), ...(shared ? [shared] : []), ...grid];
}

/** Which accounts read an inbox: one account, or the staff of an organisation (active ones, chosen by the account port). */
export type InboxReaders =
  | { kind: 'account'; accountId: string }
  | { kind: 'staff'; roles: readonly Role[]; unitCode?: string; streetCode?: string };

/** The readers of an inbox address; undefined for an address the notify handler never writes. */
export function readersOf(recipient: string): InboxReaders | undefined {
  const [kind, code] = splitOnce(recipient);
  if (kind === 'account' && code) return { kind: 'account', accountId: code };
  if (kind === 'unit' && code) return { kind: 'staff', roles: unitRoles, unitCode: code };
  if (kind === 'street' && code) return { kind: 'staff', roles: ['street_dispatcher'], streetCode: code };
  if (recipient === 'district') return { kind: 'staff', roles: ['district_dispatcher'] };
  return undefined;
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf(':');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
