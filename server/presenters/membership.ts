import type { MembershipView } from '../../shared/api/membership';
import type { Actor } from '../../shared/domain/roles';
import { rosterPhoneDisclosure } from '../../shared/policies/membership';
import { maskPhone } from '../../shared/policies/personal-data';
import type { ReferencePort, StoredMembership } from '../commands/ports';

type Places = Pick<ReferencePort, 'compounds' | 'grids'>;

/** A membership as its own resident sees it: no `resident` field, their own data is theirs. */
export function presentOwnMembership(membership: StoredMembership, places: Places): MembershipView {
  const compound = places.compounds.get(membership.compoundCode);
  return {
    id: membership.id,
    compound: { code: membership.compoundCode, name: compound?.name ?? membership.compoundCode },
    building: { code: membership.buildingCode, name: compound?.buildings.find((building) => building.code === membership.buildingCode)?.name ?? membership.buildingCode },
    unit: membership.unit,
    room: membership.room,
    householdId: membership.householdId,
    grid: { code: membership.gridCode, name: places.grids.get(membership.gridCode)?.name ?? membership.gridCode },
    relation: membership.relation,
    status: membership.status,
    reason: membership.reason ?? null,
    // A resident's own leaving is theirs to tell apart in the view; the contract names only who decided.
    decidedBy: membership.decidedBy ?? null,
    decidedAt: membership.decidedAt ?? null,
    createdAt: membership.createdAt,
    revision: membership.revision,
  };
}

/** A membership in a staff roster: with the resident's name and phone, the phone as the roster policy allows the viewer. */
export function presentMembershipForStaff(membership: StoredMembership, places: Places, viewer: Actor): MembershipView {
  const disclosure = rosterPhoneDisclosure(viewer, membership);
  const phone = membership.phone === undefined || disclosure === 'hidden' ? null : disclosure === 'shown' ? membership.phone : maskPhone(membership.phone);
  return {
    ...presentOwnMembership(membership, places),
    resident: { accountId: membership.accountId, name: membership.claimedName ?? membership.accountName, phone },
  };
}
