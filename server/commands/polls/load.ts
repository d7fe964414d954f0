import type { Actor } from '../../../shared/domain/roles';
import { mayManagePoll, mayReadPoll, type CompoundFacts } from '../../../shared/policies/polls';
import { errors } from '../../errors';
import type { PollCommandDeps, StoredMembership, StoredPoll } from '../ports';

/** The compound a poll asks in, as the access rules need it. */
export const compoundFactsOf = (deps: PollCommandDeps, compoundCode: string | undefined): CompoundFacts | undefined =>
  compoundCode ? deps.reference.compounds.get(compoundCode) : undefined;

/** What a viewer may do with a poll, decided once per request from what was read for it. */
export interface PollAccess {
  poll: StoredPoll;
  /** The viewer's memberships (residents), read now: a move counts at once. */
  memberships: StoredMembership[];
  manage: boolean;
}

/**
 * A poll as `actor` may see it: residents of its place (verified or pending), staff above it,
 * anyone when its results are public and it has ended. Others are told it does not exist, so ids
 * say nothing of polls elsewhere.
 */
export async function loadPollFor(deps: PollCommandDeps, actor: Actor | undefined, id: string): Promise<PollAccess> {
  const poll = await deps.polls.findById(id);
  if (!poll) throw errors.notFound('议题');
  const memberships = actor?.role === 'resident' ? await deps.memberships.ofAccount(actor.id) : [];
  const manage = actor !== undefined && mayManagePoll(actor, poll);
  if (!mayReadPoll(actor, poll, { memberships, compound: compoundFactsOf(deps, poll.compoundCode), now: deps.now() })) throw errors.notFound('议题');
  return { poll, memberships, manage };
}

/** The poll for one who must manage it; 404 when they may not even read it, 403 when they may read but not manage. */
export async function loadPollToManage(deps: PollCommandDeps, actor: Actor, id: string): Promise<StoredPoll> {
  const access = await loadPollFor(deps, actor, id);
  if (!access.manage) throw errors.forbidden('poll.forbidden', '只有议题所在社区居委会或网格长可以管理此议题');
  return access.poll;
}
