import type { BallotProblem, Choices, Membership, Poll, PollScope, VoteRefusal } from './types';

/** Where a poll stands at `now`: its status, with an open poll's window applied. */
export function pollPhase(poll: Pick<Poll, 'status' | 'opensAt' | 'closesAt'>, now: Date): 'draft' | 'scheduled' | 'voting' | 'ended' | 'cancelled' {
  if (poll.status === 'draft') return 'draft';
  if (poll.status === 'cancelled') return 'cancelled';
  if (poll.status === 'closed' || now.getTime() >= poll.closesAt.getTime()) return 'ended';
  return now.getTime() < poll.opensAt.getTime() ? 'scheduled' : 'voting';
}

export function inScope(scope: PollScope, membership: Membership): boolean {
  switch (scope.kind) {
    case 'compound':
      return membership.compoundCode === scope.compoundCode;
    case 'buildings':
      return membership.compoundCode === scope.compoundCode && scope.buildingCodes.includes(membership.buildingCode);
    case 'grid':
      return membership.gridCode === scope.gridCode;
  }
}

/**
 * Whether a person may vote now, judged at the moment of the vote from the memberships read for
 * this request (a move takes effect at once). The answer names the key that makes one vote per
 * resident or per household: the database holds it unique, so two votes at once still count once.
 */
export function eligibility(
  poll: Poll,
  voter: { accountId: string; role: string; memberships: Membership[] },
  now: Date,
): { eligible: true; voteKey: string; membership: Membership } | { eligible: false; reason: VoteRefusal } {
  const phase = pollPhase(poll, now);
  if (phase === 'draft') return { eligible: false, reason: 'poll.draft' };
  if (phase === 'cancelled') return { eligible: false, reason: 'poll.cancelled' };
  if (phase === 'scheduled') return { eligible: false, reason: 'poll.not_yet_open' };
  if (phase === 'ended') return { eligible: false, reason: 'poll.closed' };
  if (voter.role !== 'resident') return { eligible: false, reason: 'poll.not_resident' };
  const here = voter.memberships.filter((membership) => membership.accountId === voter.accountId && inScope(poll.scope, membership));
  if (here.length === 0) return { eligible: false, reason: 'poll.outside_scope' };
  const verified = here.find((membership) => membership.status === 'verified');
  if (!verified) return { eligible: false, reason: 'poll.unverified' };
  const voteKey = poll.votesPer === 'household' ? `${poll.id}:household:${verified.householdId}` : `${poll.id}:resident:${voter.accountId}`;
  return { eligible: true, voteKey, membership: verified };
}

/** What is wrong with a ballot for this poll's questions; empty when it may be counted. */
export function ballotProblems(poll: Poll, choices: Choices): BallotProblem[] {
  const problems: BallotProblem[] = [];
  const asked = new Set(poll.questions.map((question) => question.id));
  for (const questionId of Object.keys(choices)) {
    if (!asked.has(questionId)) problems.push({ questionId, code: 'poll.unknown_question' });
  }
  for (const question of poll.questions) {
    const chosen = choices[question.id] ?? [];
    const known = new Set(question.options.map((option) => option.id));
    if (chosen.length === 0) problems.push({ questionId: question.id, code: 'poll.unanswered' });
    else if (new Set(chosen).size !== chosen.length) problems.push({ questionId: question.id, code: 'poll.repeated_option' });
    else if (chosen.some((optionId) => !known.has(optionId))) problems.push({ questionId: question.id, code: 'poll.unknown_option' });
    else if (chosen.length > (question.kind === 'single' ? 1 : question.maxChoices)) problems.push({ questionId: question.id, code: 'poll.too_many_choices' });
  }
  return problems;
}

export interface PollResult {
  ballots: number;
  eligible: number;
  /** Ballots ÷ eligible voters (0 when nobody is eligible). */
  turnout: number;
  counts: Record<string, Record<string, number>>;
  /** Null when the poll sets no quorum. */
  quorumMet: boolean | null;
  /** Null when the poll sets no pass rule; false when the quorum is not met. */
  passed: boolean | null;
}

/** Counts ballots: per question and option, turnout against the eligible count, and the decision (a share of the ballots cast). */
export function tally(poll: Poll, ballots: Choices[], eligible: number): PollResult {
  const counts: Record<string, Record<string, number>> = Object.fromEntries(
    poll.questions.map((question) => [question.id, Object.fromEntries(question.options.map((option) => [option.id, 0]))]),
  );
  for (const ballot of ballots) {
    for (const [questionId, optionIds] of Object.entries(ballot)) {
      const row = counts[questionId];
      if (!row) continue;
      for (const optionId of optionIds) if (optionId in row) row[optionId] += 1;
    }
  }
  return resultOf(poll, counts, ballots.length, eligible);
}

/** The result from counts already made (the server keeps them per poll): turnout, quorum and the decision. */
export function resultOf(poll: Poll, counts: Record<string, Record<string, number>>, ballots: number, eligible: number): PollResult {
  const turnout = eligible === 0 ? 0 : ballots / eligible;
  const quorumMet = poll.quorum === undefined ? null : turnout >= poll.quorum;
  let passed: boolean | null = null;
  if (poll.pass) {
    const first = poll.questions[0];
    const share = ballots === 0 || !first ? 0 : (counts[first.id]?.[poll.pass.optionId] ?? 0) / ballots;
    const reached = poll.pass.rule === 'more_than' ? share > poll.pass.threshold : share >= poll.pass.threshold;
    passed = quorumMet !== false && ballots > 0 && reached;
  }
  return { ballots, eligible, turnout, counts, quorumMet, passed };
}

/** Whether results may be shown now: live polls while voting, every poll once ended. */
export function resultsVisible(poll: Poll, now: Date): boolean {
  const phase = pollPhase(poll, now);
  return phase === 'ended' || (phase === 'voting' && poll.resultsVisibility === 'live');
}
