import type { Actor } from '../../../shared/domain/roles';
import { errors } from '../../errors';
import type { PollCommandDeps, PollComment, StoredPoll } from '../ports';
import { loadPollFor, loadPollToManage } from './load';
import { mayComment } from './read';

/** How a resident is named under their comment: surname and 某, and the building, so neighbours know it is a neighbour. */
function authorLabelOf(deps: PollCommandDeps, name: string, membership: { compoundCode: string; buildingCode: string } | undefined): string {
  const building = membership && deps.reference.compounds.get(membership.compoundCode)?.buildings.find((b) => b.code === membership.buildingCode);
  const initial = [...name.trim()][0] ?? '居';
  return `${building ? `${building.name} ` : ''}${initial}某`;
}

export async function listComments(deps: PollCommandDeps, actor: Actor | undefined, id: string, page: { cursor?: string; limit: number }) {
  const { poll, manage } = await loadPollFor(deps, actor, id);
  return { poll, manage, page: await deps.comments.list(poll.id, page) };
}

/** A comment from a resident who may vote on the poll (voted or not), while it is published. */
export async function addComment(deps: PollCommandDeps, actor: Actor, id: string, text: string): Promise<{ poll: StoredPoll; comment: PollComment }> {
  const { poll, memberships } = await loadPollFor(deps, actor, id);
  if (!mayComment(poll, actor, memberships, deps.now())) throw errors.forbidden('poll.comment_forbidden', '只有本议题范围内已认证的居民可以留言');
  const home = memberships.find((membership) => membership.status === 'verified');
  const comment = await deps.comments.insert({
    pollId: poll.id,
    accountId: actor.id,
    authorLabel: authorLabelOf(deps, home?.claimedName ?? actor.name, home),
    text,
    at: deps.now(),
  });
  return { poll, comment };
}

/** Moderation: a manager hides a comment with a reason; the text stays for staff, the reason is shown to all. */
export async function hideComment(deps: PollCommandDeps, actor: Actor, id: string, commentId: string, reason: string): Promise<PollComment> {
  const poll = await loadPollToManage(deps, actor, id);
  const hidden = await deps.comments.hide(poll.id, commentId, { reason, at: deps.now(), byId: actor.id });
  if (!hidden) throw errors.notFound('留言');
  return hidden;
}
