import { randomInt } from 'node:crypto';
import { pollPhase } from '../../../shared/polls/rules';
import type { PollCommandDeps } from '../ports';

/**
 * Least ballots moved at once while a live poll is voting: a batch is the crowd a counted ballot
 * hides in (ARCHITECTURE.md, "Poll ballots"). Polls that show results only after closing are
 * counted once, when they end, as one batch of every ballot.
 */
export const liveCountBatch = 10;

/** Fisher–Yates with the system's cryptographic randomness: the order ballots are stored in must not be guessable. */
export function cryptoShuffle<T>(items: T[]): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

/**
 * One pass of the count: every poll with ballots waiting that is due a count (ended, or live with
 * a batch's worth) has them moved into the counted ballots and its tally recounted. Safe to run
 * from several runners and after a crash: moving is insert-if-absent, the tally a recount.
 */
export async function countWaitingBallots(deps: Pick<PollCommandDeps, 'polls' | 'now'>, shuffle: <T>(items: T[]) => T[] = cryptoShuffle): Promise<{ polls: number; ballots: number }> {
  const waiting = await deps.polls.pendingCounts();
  let polls = 0;
  let ballots = 0;
  for (const [pollId, count] of waiting) {
    const poll = await deps.polls.findById(pollId);
    if (!poll) continue;
    const phase = pollPhase(poll, deps.now());
    // A cancelled poll shows no result, but its ballots are still moved: none may stay beside its voter.
    const due = phase === 'ended' || phase === 'cancelled' || (phase === 'voting' && poll.resultsVisibility === 'live' && count >= liveCountBatch);
    if (!due) continue;
    ballots += await deps.polls.countPending(pollId, shuffle);
    polls += 1;
  }
  return { polls, ballots };
}
