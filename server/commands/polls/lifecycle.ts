import type { PollDecisionInput } from '../../../shared/api/polls';
import type { Actor } from '../../../shared/domain/roles';
import { pollPhase } from '../../../shared/polls/rules';
import { errors } from '../../errors';
import type { PollCommandDeps, StoredPoll } from '../ports';
import { stale } from './draft';
import { loadPollToManage } from './load';
import { withNotice } from './notices';

async function change(deps: PollCommandDeps, poll: StoredPoll, version: number, next: StoredPoll): Promise<StoredPoll> {
  if (version !== poll.version || !(await deps.polls.replaceIfVersion(next, version))) throw stale(poll);
  return next;
}

/** Publishes a draft: its questions freeze; voting starts at `opensAt`. A property company's draft is opened by the committee. */
export async function openPoll(deps: PollCommandDeps, actor: Actor, id: string, version: number): Promise<StoredPoll> {
  const poll = await loadPollToManage(deps, actor, id);
  if (poll.status !== 'draft') throw errors.conflict('poll.not_draft', '议题已发布');
  const now = deps.now();
  if (poll.closesAt.getTime() <= now.getTime()) throw errors.unprocessable('poll.window_past', '截止时间已过，请先修改投票时间', { fields: { closesAt: ['截止时间须晚于现在'] } });
  return change(deps, poll, version, withNotice({ ...poll, status: 'open', updatedAt: now, version: poll.version + 1 }, 'opened', now));
}

/** Ends voting now (before `closesAt`, or to make an ended poll's status say so). */
export async function closePoll(deps: PollCommandDeps, actor: Actor, id: string, version: number): Promise<StoredPoll> {
  const poll = await loadPollToManage(deps, actor, id);
  if (poll.status !== 'open') throw errors.conflict('poll.not_open', poll.status === 'draft' ? '草稿不能结束，可以直接取消' : '议题已结束或已取消');
  const now = deps.now();
  const closedAt = poll.closesAt.getTime() < now.getTime() ? poll.closesAt : now;
  return change(deps, poll, version, { ...poll, status: 'closed', closedAt, closesAt: closedAt, updatedAt: now, version: poll.version + 1 });
}

/** Cancels a draft or a poll not yet ended; its ballots are never counted into a result. */
export async function cancelPoll(deps: PollCommandDeps, actor: Actor, id: string, version: number, reason: string): Promise<StoredPoll> {
  const poll = await loadPollToManage(deps, actor, id);
  const phase = pollPhase(poll, deps.now());
  if (phase === 'ended' || phase === 'cancelled') throw errors.conflict('poll.not_cancellable', '已结束或已取消的议题不能取消');
  const cancelled: StoredPoll = { ...poll, status: 'cancelled', cancelReason: reason, updatedAt: deps.now(), version: poll.version + 1 };
  // A draft was never announced: only those told that a poll opened are told it is cancelled.
  return change(deps, poll, version, poll.status === 'open' ? withNotice(cancelled, 'cancelled', deps.now()) : cancelled);
}

/** The record of what was decided: once, after the poll has ended. */
export async function recordDecision(deps: PollCommandDeps, actor: Actor, id: string, input: PollDecisionInput): Promise<StoredPoll> {
  const poll = await loadPollToManage(deps, actor, id);
  if (pollPhase(poll, deps.now()) !== 'ended') throw errors.conflict('poll.not_ended', '投票结束后才能记录决定');
  if (poll.decision) throw errors.conflict('poll.decision_recorded', '决定已记录');
  const next: StoredPoll = {
    ...poll,
    decision: {
      decision: input.decision,
      ...(input.minutes ? { minutes: input.minutes } : {}),
      ...(input.meeting ? { meeting: input.meeting } : {}),
      decidedAt: deps.now(),
      decidedById: actor.id,
      caseIds: [],
    },
    updatedAt: deps.now(),
    version: poll.version + 1,
  };
  if (!(await deps.polls.replaceIfVersion(next, poll.version))) throw stale(poll);
  return next;
}
