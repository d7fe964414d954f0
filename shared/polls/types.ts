/**
 * Consultation polls (议事协商), pure: what a poll is, who lives where, and what a ballot says.
 * Storage, identity and secrecy of the stored ballots are the server's; the rules are here.
 */

/** A resident's claim to a home, as the community or the grid decided it. */
export interface Membership {
  accountId: string;
  compoundCode: string;
  buildingCode: string;
  gridCode: string;
  /** The residents of one room form a household; a poll may count one vote per household. */
  householdId: string;
  relation: 'owner' | 'tenant' | 'family';
  status: 'pending' | 'verified' | 'rejected' | 'ended';
}

/** Where a poll asks: a whole compound, some of its buildings, or a grid. */
export type PollScope =
  | { kind: 'compound'; compoundCode: string }
  | { kind: 'buildings'; compoundCode: string; buildingCodes: string[] }
  | { kind: 'grid'; gridCode: string };

export interface PollOption {
  id: string;
  text: string;
}

export interface PollQuestion {
  id: string;
  text: string;
  kind: 'single' | 'multiple';
  /** How many options a ballot may choose (1 for a single choice). */
  maxChoices: number;
  options: PollOption[];
}

/** `draft` is editable; once `open` (its window may still be ahead) the questions are frozen. */
export type PollStatus = 'draft' | 'open' | 'closed' | 'cancelled';

export interface Poll {
  id: string;
  status: PollStatus;
  scope: PollScope;
  questions: PollQuestion[];
  votesPer: 'resident' | 'household';
  opensAt: Date;
  closesAt: Date;
  resultsVisibility: 'live' | 'after_close';
  /** Least turnout (ballots ÷ eligible voters, 0–1) for the result to count; none when absent. */
  quorum?: number;
  /**
   * The option of the first question that decides the poll, and the share of the ballots it needs
   * (0–1): `more_than` for 过半数 (more than half), `at_least` for "三分之二以上" (以上 includes
   * the figure itself), as the Civil Code (民法典 art. 278) words owners' decisions.
   */
  pass?: { optionId: string; threshold: number; rule: 'at_least' | 'more_than' };
}

/** A ballot: for each question, the ids of the options chosen. */
export type Choices = Record<string, string[]>;

/** Why a vote is refused, as stable codes the API maps to 4xx. */
export type VoteRefusal =
  | 'poll.draft'
  | 'poll.not_yet_open'
  | 'poll.closed'
  | 'poll.cancelled'
  | 'poll.not_resident'
  | 'poll.unverified'
  | 'poll.outside_scope';

export type BallotProblem = { questionId: string; code: 'poll.unanswered' | 'poll.unknown_option' | 'poll.too_many_choices' | 'poll.repeated_option' } | { questionId: string; code: 'poll.unknown_question' };
