import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { CastVote } from '../../../shared/api/polls';
import { pollRefusalLabels } from '../../../shared/api/polls';
import type { Actor } from '../../../shared/domain/roles';
import { ballotProblems, eligibility } from '../../../shared/polls/rules';
import type { Choices, VoteRefusal } from '../../../shared/polls/types';
import { AppError, errors } from '../../errors';
import type { PollCommandDeps } from '../ports';
import { loadPollFor } from './load';

/** Crockford's base-32 letters: no I, L, O or U to misread when a voter types the code back. */
const receiptAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 letters (80 bits) in groups of four: `7KQ2-M9XD-4RTA-PW3E`. */
export function newReceiptCode(): string {
  const letters = Array.from({ length: 16 }, () => receiptAlphabet[randomInt(receiptAlphabet.length)]);
  return [0, 4, 8, 12].map((start) => letters.slice(start, start + 4).join('')).join('-');
}

/** The receipt as stored: only its hash, bound to the poll, so the code itself is kept by the voter alone. */
export const receiptHashOf = (pollId: string, receipt: string) => createHash('sha256').update(`${pollId}:${receipt.toUpperCase()}`).digest('hex');

const refusalStatus: Record<VoteRefusal, number> = {
  'poll.draft': 422,
  'poll.not_yet_open': 422,
  'poll.closed': 422,
  'poll.cancelled': 422,
  'poll.not_resident': 403,
  'poll.unverified': 403,
  'poll.outside_scope': 403,
};

/**
 * Casts a ballot. Eligibility is judged now, from the memberships read for this request; the one
 * vote per resident or household is the participation's primary key (the vote key), so of any
 * number of simultaneous votes one insert wins and the others are told they already voted.
 * Answers the receipt code, which is stored only as a hash.
 */
export async function castVote(deps: PollCommandDeps, actor: Actor, id: string, input: CastVote): Promise<{ receipt: string }> {
  const { poll, memberships } = await loadVotablePoll(deps, actor, id);
  const verdict = eligibility(poll, { accountId: actor.id, role: actor.role, memberships }, deps.now());
  if (!verdict.eligible) throw new AppError(verdict.reason, pollRefusalLabels[verdict.reason] ?? '不能投票', refusalStatus[verdict.reason]);
  const problems = ballotProblems(poll, input.choices);
  if (problems.length) {
    throw errors.unprocessable('poll.invalid_ballot', '选票填写有误', {
      problems,
      fields: Object.fromEntries(problems.map((problem) => [`choices.${problem.questionId}`, [ballotProblemText[problem.code]]])),
    });
  }
  const choices: Choices = Object.fromEntries(poll.questions.map((question) => [question.id, [...input.choices[question.id]!]]));
  const receipt = newReceiptCode();
  const membership = verdict.membership as (typeof memberships)[number];
  const outcome = await deps.polls.castVote(
    {
      voteKey: verdict.voteKey,
      pollId: poll.id,
      accountId: actor.id,
      householdId: membership.householdId,
      buildingCode: membership.buildingCode,
      unit: membership.unit,
      room: membership.room,
      ...(poll.votesPer === 'resident' ? { name: membership.claimedName ?? membership.accountName } : {}),
    },
    { ballotId: randomBytes(16).toString('hex'), receiptHash: receiptHashOf(poll.id, receipt), choices },
  );
  if (outcome === 'already_voted') {
    throw errors.conflict('poll.already_voted', poll.votesPer === 'household' ? '您家已经投过票，每户一票，投票后不能更改' : '您已经投过票，投票后不能更改');
  }
  deps.onVote?.();
  return { receipt };
}

const ballotProblemText = {
  'poll.unanswered': '请作答',
  'poll.unknown_option': '选项不存在',
  'poll.too_many_choices': '选择的项数超过上限',
  'poll.repeated_option': '同一选项选了两次',
  'poll.unknown_question': '问题不存在',
} as const;

/** Voting on a poll one cannot read is answered as for one outside one's scope (a draft: as a draft). */
async function loadVotablePoll(deps: PollCommandDeps, actor: Actor, id: string) {
  try {
    return await loadPollFor(deps, actor, id);
  } catch (error) {
    const poll = error instanceof AppError && error.status === 404 ? await deps.polls.findById(id) : undefined;
    if (!poll) throw error;
    const reason: VoteRefusal = poll.status === 'draft' ? 'poll.draft' : actor.role === 'resident' ? 'poll.outside_scope' : 'poll.not_resident';
    throw new AppError(reason, pollRefusalLabels[reason]!, refusalStatus[reason]);
  }
}

/** A voter checks their ballot with the receipt only they hold: counted (in the tally) or pending, and what it says. */
export async function checkReceipt(deps: PollCommandDeps, actor: Actor | undefined, id: string, receipt: string) {
  const { poll } = await loadPollFor(deps, actor, id);
  const found = await deps.polls.findReceipt(poll.id, receiptHashOf(poll.id, receipt));
  if (!found) throw new AppError('poll.receipt_unknown', '没有这张回执对应的选票，请核对回执码', 404);
  return found;
}
