import { householdIdOf, type ClaimMembership, type MyGrids } from '../../../shared/api/membership';
import type { Actor } from '../../../shared/domain/roles';
import { membershipError } from '../../errors';
import type { StoredMembership } from '../ports';
import type { MembershipCommandDeps } from './deps';

const residentsOnly = () => membershipError('membership.forbidden', '只有居民可以申报住户身份');
const notFound = () => membershipError('membership.not_found', '住户身份记录不存在');

/**
 * A resident claims a home. Verified at once when the community's roster lists the same room
 * with the same name and phone; pending otherwise, for the committee or the grid to decide.
 */
export async function claimMembership(deps: MembershipCommandDeps, actor: Actor, input: ClaimMembership): Promise<StoredMembership> {
  if (actor.role !== 'resident') throw residentsOnly();
  const compound = deps.reference.compounds.get(input.compoundCode);
  if (!compound) throw membershipError('membership.unknown_place', '小区不存在', { fields: { compoundCode: ['小区不存在'] } });
  if (!compound.buildings.some((building) => building.code === input.buildingCode)) {
    throw membershipError('membership.unknown_place', '该小区没有这栋楼', { fields: { buildingCode: ['该小区没有这栋楼'] } });
  }
  const householdId = householdIdOf(input);
  const now = deps.now();
  const listed = input.name !== undefined && input.phone !== undefined && (await deps.rosters.residentsOf(householdId)).some((resident) => resident.name === input.name && resident.phone === input.phone);
  const claimed = await deps.memberships.claim({
    accountId: actor.id,
    accountName: actor.name,
    compoundCode: compound.code,
    buildingCode: input.buildingCode,
    unit: input.unit,
    room: input.room,
    householdId,
    gridCode: compound.gridCode,
    streetCode: compound.streetCode,
    relation: input.relation,
    claimedName: input.name,
    phone: input.phone,
    createdAt: now,
    ...(listed
      ? { status: 'verified' as const, decidedBy: 'roster' as const, decidedById: `roster:${deps.reference.communityOf(compound.code) ?? ''}`, decidedAt: now }
      : { status: 'pending' as const }),
  });
  if (claimed === 'duplicate') throw membershipError('membership.duplicate', '您已申报过这个房间，正在审核或已通过');
  return claimed;
}

/** Every membership of the resident, newest first. */
export async function myMemberships(deps: MembershipCommandDeps, actor: Actor): Promise<StoredMembership[]> {
  if (actor.role !== 'resident') throw residentsOnly();
  return deps.memberships.ofAccount(actor.id);
}

/**
 * The resident moves out of a home (or withdraws a pending claim): ended, it counts nowhere from
 * now on. Someone else's membership is answered as one that does not exist.
 */
export async function leaveMembership(deps: MembershipCommandDeps, actor: Actor, id: string): Promise<StoredMembership> {
  if (actor.role !== 'resident') throw residentsOnly();
  const membership = await deps.memberships.findById(id);
  if (!membership || membership.accountId !== actor.id) throw notFound();
  if (membership.status !== 'pending' && membership.status !== 'verified') throw membershipError('membership.not_active', '该住户身份已结束或未通过，无需迁出');
  const left = await deps.memberships.decideIfRevision(id, membership.revision, {
    status: 'ended',
    reason: membership.status === 'pending' ? '本人撤回申报' : '本人申报迁出',
    decidedBy: 'resident',
    decidedById: actor.id,
    decidedAt: deps.now(),
  });
  if (!left) throw membershipError('membership.stale', '这条记录刚被处理过，请刷新后重试');
  return left;
}

/** The 1+2+N team of each grid where the resident has a verified home, with the compounds of that grid they live in. */
export async function myGrids(deps: MembershipCommandDeps, actor: Actor): Promise<MyGrids> {
  if (actor.role !== 'resident') throw residentsOnly();
  const verified = (await deps.memberships.ofAccount(actor.id)).filter((membership) => membership.status === 'verified');
  const compoundsByGrid = new Map<string, Set<string>>();
  for (const membership of verified) {
    const gridCode = deps.reference.compounds.get(membership.compoundCode)?.gridCode ?? membership.gridCode;
    compoundsByGrid.set(gridCode, (compoundsByGrid.get(gridCode) ?? new Set()).add(membership.compoundCode));
  }
  const items = [...compoundsByGrid].flatMap(([gridCode, compoundCodes]) => {
    const grid = deps.reference.grids.get(gridCode);
    if (!grid) return [];
    const street = deps.reference.streets.get(grid.streetCode);
    return [
      {
        grid: { code: grid.code, name: grid.name },
        street: { code: grid.streetCode, name: street?.name ?? grid.streetCode },
        compounds: [...compoundCodes].map((code) => ({ code, name: deps.reference.compounds.get(code)?.name ?? code })),
        team: {
          leader: { name: grid.team.leader.name, phone: grid.team.leader.phone },
          members: grid.team.members.map((member) => ({ name: member.name, phone: member.phone })),
          volunteers: grid.team.volunteers.map((volunteer) => ({ name: volunteer.name })),
        },
      },
    ];
  });
  return { items };
}
