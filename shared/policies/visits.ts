import type { UnitType } from '../domain/places';
import type { Actor } from '../domain/roles';
import type { VisitCategory } from '../visits/types';

/**
 * What may be done with the register of key service populations (入户走访):
 * - `list`/`read`: see people (masked) and their visits; every read is audited;
 * - `register`: add people, change their risk level or record a major change;
 * - `visit`: record a visit (and file the case it found);
 * - `unmask`: see one sensitive field in clear, with a reason, audited;
 * - `audit`: read who read and unmasked what;
 * - `archive`: take a person who left the category off the register (reason, date of leaving);
 * - `read_archived`: read (and unmask) an archived person: only the committee that supervises;
 * - `export`: the person's own access request (PIPL Art. 45), made through the committee: the
 *   whole record and every visit in clear, with a reason, audited.
 */
export const visitActions = ['list', 'read', 'register', 'visit', 'unmask', 'audit', 'archive', 'read_archived', 'export'] as const;
export type VisitAction = (typeof visitActions)[number];

/** Where a person of the register lives, as the register keeps it. */
export interface VisitPlace {
  streetCode: string;
  communityUnitCode: string;
  gridCode: string;
}

/** What the policy knows of the unit a department account belongs to (from reference data). */
export interface ActorUnit {
  type: UnitType;
  /** Absent for a district-level department (区民政局): its reach is the district. */
  streetCode?: string;
}

/**
 * Which people an access rule reaches: the actor's grid, the committee's community, the unit's
 * street (the district for a district-level unit), or nobody.
 */
type PlaceRule = 'own_grid' | 'own_community' | 'unit_street' | 'nowhere';
/** Which categories: those the category says this role handles, those the actor's unit owns, all, or none. */
type CategoryRule = 'handled_by_role' | 'owned_by_unit' | 'all' | 'none';

interface AccessRule {
  place: PlaceRule;
  categories: CategoryRule;
  actions: readonly VisitAction[];
}

const nothing: AccessRule = { place: 'nowhere', categories: 'none', actions: [] };

/**
 * The one table of who sees what of the register: role × category × place. Categories are data,
 * so a district's new category (社区矫正, owned by the justice office) falls under the rules below
 * as soon as it is configured. Residents, the public, dispatchers, property companies, the
 * administrator and the system see nothing: none of them visits, and none of them answers for these
 * people (PIPL Art. 28: the sensitive data stays with those who must act on it).
 */
export const visitAccessTable: Record<Actor['role'], AccessRule> = {
  grid_member: { place: 'own_grid', categories: 'handled_by_role', actions: ['list', 'read', 'visit', 'unmask'] },
  grid_leader: { place: 'own_grid', categories: 'handled_by_role', actions: ['list', 'read', 'register', 'visit', 'unmask', 'archive'] },
  // The committee keeps the register of its community and supervises the audit of it; the
  // archived stay with it alone, and a resident's own access request goes through it.
  community: { place: 'own_community', categories: 'all', actions: ['list', 'read', 'register', 'unmask', 'audit', 'archive', 'read_archived', 'export'] },
  department: { place: 'unit_street', categories: 'owned_by_unit', actions: ['list', 'read', 'unmask'] },
  resident: nothing,
  property_manager: nothing,
  street_dispatcher: nothing,
  district_dispatcher: nothing,
  admin: nothing,
  system: nothing,
};

/** Whether the table lets `actor` reach people of `category` at all (before any place). */
export function categoryReachable(actor: Actor, category: VisitCategory, unit: ActorUnit | undefined): boolean {
  switch (visitAccessTable[actor.role].categories) {
    case 'handled_by_role':
      return (category.handledBy as string[]).includes(actor.role);
    case 'owned_by_unit':
      return unit !== undefined && unit.type === category.ownerUnitType;
    case 'all':
      return true;
    case 'none':
      return false;
  }
}

function placeReachable(actor: Actor, place: VisitPlace, unit: ActorUnit | undefined): boolean {
  switch (visitAccessTable[actor.role].place) {
    case 'own_grid':
      return (actor.role === 'grid_member' || actor.role === 'grid_leader') && actor.scope.gridCode === place.gridCode && actor.scope.streetCode === place.streetCode;
    case 'own_community':
      return actor.role === 'community' && actor.scope.unitCode === place.communityUnitCode;
    case 'unit_street':
      return unit !== undefined && (unit.streetCode === undefined || unit.streetCode === place.streetCode);
    case 'nowhere':
      return false;
  }
}

/**
 * Whether `actor` may do `action` to a person of `category` living at `place`. `unit` is the
 * actor's own unit (departments); pass it whenever the actor has one.
 */
export function mayOnVisits(actor: Actor, action: VisitAction, category: VisitCategory, place: VisitPlace, unit: ActorUnit | undefined): boolean {
  return visitAccessTable[actor.role].actions.includes(action) && categoryReachable(actor, category, unit) && placeReachable(actor, place, unit);
}

/**
 * The slice of the register `actor` may `action`, for a store query: the category codes and one
 * place filter; undefined when nothing. The same table as {@link mayOnVisits}, so a list never
 * shows a person the record check would refuse.
 */
export function visitScopeOf(
  actor: Actor,
  action: VisitAction,
  categories: readonly VisitCategory[],
  unit: ActorUnit | undefined,
): { categoryCodes: string[]; place: { gridCode: string; streetCode: string } | { communityUnitCode: string } | { streetCode: string } | { district: true } } | undefined {
  const rule = visitAccessTable[actor.role];
  if (!rule.actions.includes(action)) return undefined;
  const categoryCodes = categories.filter((c) => categoryReachable(actor, c, unit)).map((c) => c.code);
  if (categoryCodes.length === 0) return undefined;
  switch (actor.role) {
    case 'grid_member':
    case 'grid_leader':
      return { categoryCodes, place: { gridCode: actor.scope.gridCode, streetCode: actor.scope.streetCode } };
    case 'community':
      return { categoryCodes, place: { communityUnitCode: actor.scope.unitCode } };
    case 'department':
      if (!unit) return undefined;
      return { categoryCodes, place: unit.streetCode ? { streetCode: unit.streetCode } : { district: true } };
    default:
      return undefined;
  }
}

/** A visit's sign-off as the policy reads it: the unit types that must sign, and those that have. */
export interface VisitSignOffState {
  required: readonly UnitType[];
  signed: readonly { unitType?: UnitType; unitCode: string }[];
}

/**
 * Whether `actor` may sign a visit that asks for it (a visit that found danger, where its category
 * says so: the health centre and the police station for a severe mental disorder). Only a
 * department of a type the visit still needs, in the visit's street (a district-level unit
 * anywhere) — whether or not it owns the category: signing is why it must see this one visit.
 */
export function maySignVisit(actor: Actor, signOff: VisitSignOffState | undefined, streetCode: string, unit: ActorUnit | undefined): boolean {
  if (actor.role !== 'department' || !signOff || !unit) return false;
  if (!signOff.required.includes(unit.type)) return false;
  if (signOff.signed.some((signature) => signature.unitType === unit.type)) return false;
  return unit.streetCode === undefined || unit.streetCode === streetCode;
}

/** The sensitive fields of a person on the register: encrypted at rest, masked unless unmasked with a reason. */
export const sensitivePersonFields = ['name', 'idNumber', 'phone', 'address', 'notes'] as const;
export type SensitivePersonField = (typeof sensitivePersonFields)[number];

/**
 * How a sensitive field reads when masked: enough to recognise the right person at the door, not
 * enough to identify a stranger (张*明, 3401**********1234, 139****0001, 包河区…（已隐藏）).
 */
export function maskField(field: SensitivePersonField | 'answer', value: string): string {
  const chars = [...value];
  switch (field) {
    case 'name':
      return chars.length <= 1 ? '*' : chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
    case 'idNumber':
      return chars.length < 8 ? '*'.repeat(chars.length) : `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
    case 'phone':
      return chars.length < 7 ? '*'.repeat(chars.length) : `${chars.slice(0, 3).join('')}****${chars.slice(-4).join('')}`;
    case 'address':
      return `${chars.slice(0, 3).join('')}…（已隐藏）`;
    default:
      return '（已隐藏）';
  }
}

/** Figures for groups smaller than this are never shown (a count of 2 severe mental disorders names them). */
export const visitAggregateThreshold = 5;

/** A count as shown: null (shown as "<5") below the threshold. */
export function suppressSmallCount(count: number): number | null {
  return count < visitAggregateThreshold ? null : count;
}
