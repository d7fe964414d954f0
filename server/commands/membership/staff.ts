import type { ListMembershipsQuery } from '../../../shared/api/membership';
import type { Actor } from '../../../shared/domain/roles';
import { membershipError } from '../../errors';
import type { Page, StoredMembership } from '../ports';
import type { MembershipCommandDeps } from './deps';
import { decidesClaims, rosterScopeHolds, rosterScopeOf } from './scope';

const forbidden = () => membershipError('membership.forbidden', '当前身份无权查看或审核住户身份');
/** Outside the actor's scope, a membership is answered as one that does not exist: ids cannot be probed. */
const notFound = () => membershipError('membership.not_found', '住户身份记录不存在');

/** A page of the memberships of the staff member's scope, newest first. */
export async function listMemberships(deps: MembershipCommandDeps, actor: Actor, query: ListMembershipsQuery): Promise<Page<StoredMembership>> {
  const scope = rosterScopeOf(actor, deps.reference);
  if (!scope) throw forbidden();
  const inScope = (code: string) => scope === 'all' || scope.compoundCodes.includes(code);
  const compoundCodes = query.compoundCode !== undefined ? (inScope(query.compoundCode) ? [query.compoundCode] : []) : scope === 'all' ? undefined : scope.compoundCodes;
  if (compoundCodes?.length === 0) return { items: [], nextCursor: null };
  return deps.memberships.list(
    { ...(compoundCodes ? { compoundCodes } : {}), ...(query.status ? { status: query.status } : {}) },
    { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) },
  );
}

type Decision = { status: 'verified' } | { status: 'rejected'; reason: string };

/**
 * The committee or the grid staff of the home decide a pending claim, guarded by the revision they
 * saw: two staff deciding at once, one wins and the other hears 409.
 */
export async function decideMembership(deps: MembershipCommandDeps, actor: Actor, id: string, expectedRevision: number, decision: Decision): Promise<StoredMembership> {
  if (!decidesClaims(actor)) throw forbidden();
  const membership = await deps.memberships.findById(id);
  if (!membership || !rosterScopeHolds(actor, deps.reference, membership.compoundCode)) throw notFound();
  const stale = () => membershipError('membership.stale', '这条申报刚被其他人处理过，请刷新后再操作', { currentRevision: membership.revision });
  if (membership.revision !== expectedRevision) throw stale();
  if (membership.status !== 'pending') throw membershipError('membership.not_pending', '只能审核待审核的申报', { status: membership.status });
  const decided = await deps.memberships.decideIfRevision(id, expectedRevision, { ...decision, decidedBy: 'staff', decidedById: actor.id, decidedAt: deps.now() });
  if (!decided) throw stale();
  return decided;
}
