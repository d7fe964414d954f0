import { pollNoticeKey, type PollNoticeKind } from '../../../shared/polls/notices';
import type { JobRequest, JobStore, MembershipStore, PollStore, StoredPoll } from '../ports';

/**
 * A poll's notices (opened, results out, cancelled) go out through the job queue like a case's
 * effects, with the poll document as their outbox: the write that changes the poll records the
 * notice as pending in the same document (one update), the relay below copies it into the queue
 * under the key `poll:<id>:<kind>` and only then removes it from the poll. A crash before the copy
 * leaves it pending (copied at the next pass: never lost); a crash after the copy and before the
 * removal copies it again, and the queue refuses the same key (never doubled). `notices` keeps when
 * each was recorded, so a poll never records the same notice twice.
 */

/** The poll with `kind` recorded as a pending notice, for the write that makes it true; unchanged if it was recorded before. */
export function withNotice(poll: StoredPoll, kind: PollNoticeKind, at: Date): StoredPoll {
  if (poll.notices?.[kind]) return poll;
  return { ...poll, notices: { ...poll.notices, [kind]: at }, pendingNotices: [...(poll.pendingNotices ?? []), kind] };
}

export interface PollNoticeDeps {
  polls: PollStore;
  memberships: Pick<MembershipStore, 'countEligible'>;
  jobs: Pick<JobStore, 'enqueue'>;
  now: () => Date;
}

/**
 * Results become final when voting has ended and the count has moved every ballot (the count step
 * runs first in the same pass). Each such poll that was announced when it opened records its
 * results notice, with its eligible count frozen in the same update. Polls published before
 * notices existed were never announced, so they get no results notice either.
 */
export async function recordFinalResults(deps: PollNoticeDeps, batch = 50): Promise<number> {
  const now = deps.now();
  let recorded = 0;
  for (const poll of await deps.polls.endedWithoutResultsNotice(now, batch)) {
    const votes = (await deps.polls.votesOf([poll.id])).get(poll.id) ?? 0;
    // Ballots still waiting for the count: the result would move, so it is not out yet.
    if (votes !== poll.counted) continue;
    const eligible = poll.eligibleAtEnd ?? (await deps.memberships.countEligible(poll.scope, poll.votesPer));
    if (await deps.polls.recordResultsNotice(poll.id, eligible, now)) recorded += 1;
  }
  return recorded;
}

/** The job of one pending notice: keyed by poll and kind, so a second copy is refused by the queue. */
export function noticeJobOf(poll: StoredPoll, kind: PollNoticeKind): JobRequest {
  return {
    key: pollNoticeKey(poll.id, kind),
    caseId: poll.id,
    effect: { type: 'poll.notice', pollId: poll.id, notice: kind },
    context: { subject: 'poll', number: poll.id, title: poll.title },
  };
}

/** Copies the pending notices of polls into the job queue, then removes them from the polls. Answers how many were copied. */
export async function relayPollNotices(deps: PollNoticeDeps, batch = 50): Promise<number> {
  let relayed = 0;
  for (const poll of await deps.polls.withPendingNotices(batch)) {
    const kinds = [...new Set(poll.pendingNotices ?? [])];
    await deps.jobs.enqueue(
      kinds.map((kind) => noticeJobOf(poll, kind)),
      deps.now(),
    );
    await deps.polls.clearPendingNotices(poll.id, kinds);
    relayed += kinds.length;
  }
  return relayed;
}
