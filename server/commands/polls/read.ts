import type { ListPollsQuery, PollPhaseName } from '../../../shared/api/polls';
import type { Actor } from '../../../shared/domain/roles';
import { eligibility, pollPhase, resultOf, resultsVisible, type PollResult } from '../../../shared/polls/rules';
import { mayEditDraft, residentMayReadPoll, staffMayReadPoll } from '../../../shared/policies/polls';
import type { CaseRecord } from '../../../shared/cases/types';
import { errors } from '../../errors';
import type { PollStatus } from '../../../shared/polls/types';
import type { Page, PollCommandDeps, PollParticipation, StoredPoll } from '../ports';
import { compoundFactsOf, loadPollFor, loadPollToManage, type PollAccess } from './load';

/** A poll's result as it stands: counted ballots against the eligible count (frozen once it ended), and whether it is final. */
export async function currentResult(deps: PollCommandDeps, poll: StoredPoll): Promise<PollResult & { final: boolean }> {
  const ended = pollPhase(poll, deps.now()) === 'ended';
  let eligible = poll.eligibleAtEnd;
  if (eligible === undefined) {
    eligible = await deps.memberships.countEligible(poll.scope, poll.votesPer);
    // Frozen at the first look after the end: later moves in or out do not change a decided result.
    if (ended) await deps.polls.recordEligibleAtEnd(poll.id, eligible);
  }
  const votes = (await deps.polls.votesOf([poll.id])).get(poll.id) ?? 0;
  return { ...resultOf(poll, poll.tally, poll.counted, eligible), final: ended && votes === poll.counted };
}

/** Everything the poll page shows its viewer, read for this request. */
export interface PollPageData extends PollAccess {
  votes: number;
  result: (PollResult & { final: boolean }) | null;
  me: { canVote: boolean; refusal: string | null; voted: boolean; canComment: boolean; canManage: boolean; canEdit: boolean } | null;
  cases: CaseRecord[];
}

export async function pollPage(deps: PollCommandDeps, actor: Actor | undefined, id: string): Promise<PollPageData> {
  const access = await loadPollFor(deps, actor, id);
  const { poll, memberships, manage } = access;
  const now = deps.now();
  const votes = (await deps.polls.votesOf([poll.id])).get(poll.id) ?? 0;
  const result = resultsVisible(poll, now) ? await currentResult(deps, poll) : null;
  let me: PollPageData['me'] = null;
  if (actor) {
    const verdict = eligibility(poll, { accountId: actor.id, role: actor.role, memberships }, now);
    const voteKey = verdict.eligible ? verdict.voteKey : undefined;
    const voted = voteKey ? await deps.polls.hasVoted(voteKey) : await votedAnyHousehold(deps, poll, actor, memberships);
    me = {
      canVote: verdict.eligible && !voted,
      refusal: verdict.eligible ? (voted ? 'poll.already_voted' : null) : verdict.reason,
      voted,
      canComment: mayComment(poll, actor, memberships, now),
      canManage: manage,
      canEdit: mayEditDraft(actor, poll),
    };
  }
  const cases = (await Promise.all((poll.decision?.caseIds ?? []).map((caseId) => deps.cases.store.findById(caseId)))).filter((record): record is CaseRecord => record !== undefined);
  return { ...access, votes, result, me, cases };
}

/** Whether a resident not eligible now (the poll ended, say) had voted: by the key their verified home gives. */
async function votedAnyHousehold(deps: PollCommandDeps, poll: StoredPoll, actor: Actor, memberships: PollAccess['memberships']): Promise<boolean> {
  if (actor.role !== 'resident') return false;
  const keys = memberships
    .filter((membership) => membership.status === 'verified')
    .map((membership) => (poll.votesPer === 'household' ? `${poll.id}:household:${membership.householdId}` : `${poll.id}:resident:${actor.id}`));
  for (const key of new Set(keys)) if (await deps.polls.hasVoted(key)) return true;
  return false;
}

/** Residents who may vote on the poll (whether or not they have) may comment while it is published and not cancelled. */
export function mayComment(poll: StoredPoll, actor: Actor, memberships: PollAccess['memberships'], now: Date): boolean {
  if (actor.role !== 'resident') return false;
  const phase = pollPhase(poll, now);
  if (phase === 'draft' || phase === 'cancelled') return false;
  const asIfVoting = { ...poll, status: 'open' as const, opensAt: new Date(0), closesAt: new Date(8.64e15) };
  return eligibility(asIfVoting, { accountId: actor.id, role: actor.role, memberships }, now).eligible;
}

/** The results when the viewer may see them now. */
export async function pollResults(deps: PollCommandDeps, actor: Actor | undefined, id: string) {
  const { poll } = await loadPollFor(deps, actor, id);
  if (!resultsVisible(poll, deps.now())) throw errors.forbidden('poll.results_hidden', '本议题的结果在投票结束后公布');
  return { poll, result: await currentResult(deps, poll) };
}

/** Who voted (the committee's turnout list), never what. */
export async function pollVoters(deps: PollCommandDeps, actor: Actor, id: string, page: { cursor?: string; limit: number }): Promise<{ poll: StoredPoll; page: Page<PollParticipation> }> {
  const poll = await loadPollToManage(deps, actor, id);
  return { poll, page: await deps.polls.voters(poll.id, page) };
}

const phaseWhere: Record<PollPhaseName, PollStatus[]> = {
  draft: ['draft'],
  scheduled: ['open'],
  voting: ['open'],
  ended: ['open', 'closed'],
  cancelled: ['cancelled'],
};

/**
 * A page of polls: a resident's (the places of their homes, never drafts) or a staff member's
 * (their scope, drafts included). A phase narrows the statuses in the query and the window here,
 * so a page may hold fewer than `limit` items; the cursor still goes on.
 */
export async function listPolls(deps: PollCommandDeps, actor: Actor, query: ListPollsQuery): Promise<{ page: Page<StoredPoll>; votes: Map<string, number>; voted: Set<string> }> {
  const statuses = query.phase ? phaseWhere[query.phase] : query.view === 'mine' ? (['open', 'closed', 'cancelled'] as PollStatus[]) : (['draft', 'open', 'closed', 'cancelled'] as PollStatus[]);
  const where = await listWhere(deps, actor, query.view);
  const page = await deps.polls.list({ ...where, statuses }, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
  const now = deps.now();
  const memberships = actor.role === 'resident' ? await deps.memberships.ofAccount(actor.id) : [];
  const items = page.items.filter(
    (poll) =>
      (!query.phase || pollPhase(poll, now) === query.phase) &&
      (actor.role === 'resident'
        ? residentMayReadPoll(poll, memberships)
        : staffMayReadPoll(actor, poll, compoundFactsOf(deps, poll.compoundCode))),
  );
  const votes = await deps.polls.votesOf(items.map((poll) => poll.id));
  const voted = new Set<string>();
  if (actor.role === 'resident') for (const poll of items) if (await votedAnyHousehold(deps, poll, actor, memberships)) voted.add(poll.id);
  return { page: { items, nextCursor: page.nextCursor }, votes, voted };
}

async function listWhere(deps: PollCommandDeps, actor: Actor, view: ListPollsQuery['view']) {
  if (view === 'mine') {
    if (actor.role !== 'resident') throw errors.forbidden('poll.forbidden', '“我的议题”只对居民开放，工作人员请看议事管理');
    const homes = (await deps.memberships.ofAccount(actor.id)).filter((m) => m.status === 'verified' || m.status === 'pending');
    return { compoundCodes: [...new Set(homes.map((m) => m.compoundCode))], gridCodes: [...new Set(homes.map((m) => m.gridCode))] };
  }
  switch (actor.role) {
    case 'community':
      return { compoundCodes: actor.scope.compoundCodes };
    case 'grid_leader':
    case 'grid_member':
      return { gridCodes: [actor.scope.gridCode] };
    case 'property_manager':
      return { compoundCodes: [...deps.reference.compounds.values()].filter((c) => c.propertyUnitCode === actor.scope.unitCode).map((c) => c.code) };
    case 'street_dispatcher':
      return { streetCodes: [actor.scope.streetCode] };
    case 'district_dispatcher':
    case 'admin':
      return {};
    default:
      throw errors.forbidden('poll.forbidden', '当前身份不能管理议题');
  }
}
