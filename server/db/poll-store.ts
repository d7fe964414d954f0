import { ObjectId, type Filter } from 'mongodb';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../commands/keyset-cursor';
import type { PendingBallot, PollComment, PollCommentStore, PollParticipation, PollStore, StoredPoll } from '../commands/ports';
import type { Choices } from '../../shared/polls/types';
import { invalidListCursor } from '../errors';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';
import { groupedInserts } from './grouped-inserts';

type PollDoc = Omit<StoredPoll, 'id'> & { _id: string };
type ParticipationDoc = Omit<PollParticipation, 'voteKey'> & { _id: string; pending?: PendingBallot };
interface BallotDoc {
  _id: string;
  pollId: string;
  receiptHash: string;
  marks: string[];
}
type CommentDoc = Omit<PollComment, 'id'> & { _id: ObjectId };

const toPoll = ({ _id, ...rest }: PollDoc): StoredPoll => {
  const poll: StoredPoll = { ...rest, id: _id };
  // Optional fields come back as null from some engines' projections; the domain knows only absent.
  for (const key of ['quorum', 'pass', 'compoundCode', 'communityUnitCode', 'closedAt', 'cancelReason', 'eligibleAtEnd', 'decision', 'notices', 'pendingNotices'] as const) {
    if (poll[key] === null) delete poll[key];
  }
  return poll;
};
const toParticipation = ({ _id, pending: _pending, ...rest }: ParticipationDoc): PollParticipation => ({ ...rest, voteKey: _id });
const toComment = ({ _id, ...rest }: CommentDoc): PollComment => ({ ...rest, id: _id.toHexString() });

/** A ballot's choices as marks (`question:option`): what the recount unwinds and groups. */
const marksOf = (choices: Choices) => Object.entries(choices).flatMap(([questionId, optionIds]) => optionIds.map((optionId) => `${questionId}:${optionId}`));
function choicesOf(marks: readonly string[]): Choices {
  const choices: Choices = {};
  for (const mark of marks) {
    const [questionId, optionId] = mark.split(':');
    (choices[questionId!] ??= []).push(optionId!);
  }
  return choices;
}

const objectIdOf = (id: string) => (/^[0-9a-f]{24}$/.test(id) ? new ObjectId(id) : undefined);

/** Polls, who voted and the counted ballots, on `polls`, `poll_participations` and `poll_ballots`. */
export function mongoPollStore(database: Database): PollStore {
  const db = database.connection.db!;
  const polls = db.collection<PollDoc>(database.models.Poll.collection.collectionName);
  const participations = db.collection<ParticipationDoc>(database.models.PollParticipation.collection.collectionName);
  const ballots = db.collection<BallotDoc>(database.models.PollBallot.collection.collectionName);
  // A burst of votes (everyone at the meeting at once) goes in a few grouped writes; the vote key still decides.
  const insertParticipation = groupedInserts(participations);

  async function recount(pollId: string): Promise<void> {
    const poll = await polls.findOne({ _id: pollId });
    if (!poll) return;
    const rows = await ballots.aggregate<{ _id: string; n: number }>([{ $match: { pollId } }, { $unwind: '$marks' }, { $group: { _id: '$marks', n: { $sum: 1 } } }]).toArray();
    const counted = await ballots.countDocuments({ pollId });
    const tally: Record<string, Record<string, number>> = Object.fromEntries(
      poll.questions.map((question) => [question.id, Object.fromEntries(question.options.map((option) => [option.id, 0]))]),
    );
    for (const row of rows) {
      const [questionId, optionId] = row._id.split(':');
      const counts = tally[questionId!];
      if (counts && optionId! in counts) counts[optionId!] = row.n;
    }
    // A recount, not an increment: running it twice, or after a crash, stores the same snapshot.
    await polls.updateOne({ _id: pollId }, { $set: { tally, counted } });
  }

  return {
    async insert(poll) {
      const { id, ...rest } = poll;
      await polls.insertOne({ ...rest, _id: id });
    },

    async findById(id) {
      const doc = await polls.findOne({ _id: id });
      return doc ? toPoll(doc) : undefined;
    },

    async replaceIfVersion(next, expectedVersion) {
      const { id, ...rest } = next;
      const result = await polls.replaceOne({ _id: id, version: expectedVersion }, rest);
      return result.modifiedCount === 1;
    },

    async list(where, page) {
      const places: Filter<PollDoc>[] = [];
      if (where.compoundCodes?.length) places.push({ compoundCode: { $in: [...where.compoundCodes] } });
      if (where.gridCodes?.length) places.push({ gridCode: { $in: [...where.gridCodes] } });
      if (where.streetCodes?.length) places.push({ streetCode: { $in: [...where.streetCodes] } });
      const noPlaceLimit = !where.compoundCodes && !where.gridCodes && !where.streetCodes;
      if (!noPlaceLimit && places.length === 0) return { items: [], nextCursor: null };
      const filter: Filter<PollDoc> = { status: { $in: [...where.statuses] } };
      const and: Filter<PollDoc>[] = [];
      if (places.length) and.push({ $or: places });
      if (page.cursor !== undefined) {
        const after = decodeTimeIdCursor(page.cursor);
        if (!after) throw invalidListCursor();
        and.push({ $or: [{ createdAt: { $lt: after.at } }, { createdAt: after.at, _id: { $lt: after.id } }] });
      }
      if (and.length) filter.$and = and;
      const docs = await polls
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .limit(page.limit + 1)
        .toArray();
      const items = docs.slice(0, page.limit).map(toPoll);
      const last = items[items.length - 1];
      return { items, nextCursor: docs.length > page.limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null };
    },

    async castVote(participation, ballot) {
      const { voteKey, ...rest } = participation;
      return (await insertParticipation({ ...rest, _id: voteKey, pending: ballot })) === 'inserted' ? 'cast' : 'already_voted';
    },

    async hasVoted(voteKey) {
      return (await participations.countDocuments({ _id: voteKey }, { limit: 1 })) > 0;
    },

    async votesOf(pollIds) {
      const votes = new Map(pollIds.map((id) => [id, 0]));
      if (pollIds.length === 0) return votes;
      const rows = await participations.aggregate<{ _id: string; n: number }>([{ $match: { pollId: { $in: [...pollIds] } } }, { $group: { _id: '$pollId', n: { $sum: 1 } } }]).toArray();
      for (const row of rows) votes.set(row._id, row.n);
      return votes;
    },

    async voters(pollId, page) {
      const filter: Filter<ParticipationDoc> = { pollId };
      if (page.cursor !== undefined) {
        const after = Buffer.from(page.cursor, 'base64url').toString('utf8');
        if (!after.startsWith(`${pollId}:`)) throw invalidListCursor();
        filter._id = { $gt: after };
      }
      const docs = await participations
        .find(filter)
        .sort({ _id: 1 })
        .limit(page.limit + 1)
        .toArray();
      const items = docs.slice(0, page.limit).map(toParticipation);
      const last = items[items.length - 1];
      return { items, nextCursor: docs.length > page.limit && last ? Buffer.from(last.voteKey).toString('base64url') : null };
    },

    async pendingCounts() {
      const rows = await participations.aggregate<{ _id: string; n: number }>([{ $match: { 'pending.ballotId': { $exists: true } } }, { $group: { _id: '$pollId', n: { $sum: 1 } } }]).toArray();
      return new Map(rows.map((row) => [row._id, row.n]));
    },

    async countPending(pollId, shuffle) {
      const waiting = await participations.find({ pollId, 'pending.ballotId': { $exists: true } }).toArray();
      if (waiting.length > 0) {
        // Inserted in shuffled order, one by one: storage order then says nothing of voting order within the batch.
        for (const participation of shuffle(waiting)) {
          const pending = participation.pending!;
          try {
            await ballots.insertOne({ _id: pending.ballotId, pollId, receiptHash: pending.receiptHash, marks: marksOf(pending.choices) });
          } catch (error) {
            // Moved by a run that died before clearing it: the ballot id is the receipt of the move.
            if (!isDuplicateKey(error)) throw error;
          }
        }
        await participations.updateMany({ _id: { $in: waiting.map((participation) => participation._id) } }, { $unset: { pending: '' } });
      }
      await recount(pollId);
      return waiting.length;
    },

    async findReceipt(pollId, receiptHash) {
      const counted = await ballots.findOne({ pollId, receiptHash });
      if (counted) return { status: 'counted', choices: choicesOf(counted.marks) };
      const waiting = await participations.findOne({ pollId, 'pending.receiptHash': receiptHash });
      return waiting?.pending ? { status: 'pending', choices: waiting.pending.choices } : undefined;
    },

    async recordEligibleAtEnd(pollId, eligible) {
      await polls.updateOne({ _id: pollId, eligibleAtEnd: { $exists: false } }, { $set: { eligibleAtEnd: eligible } });
    },

    async endedWithoutResultsNotice(now, limit) {
      const docs = await polls
        .find({ status: { $in: ['open', 'closed'] }, closesAt: { $lte: now }, 'notices.opened': { $exists: true }, 'notices.results': { $exists: false } })
        .sort({ closesAt: 1, _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map(toPoll);
    },

    async recordResultsNotice(pollId, eligible, at) {
      const poll = await polls.findOne({ _id: pollId });
      if (!poll || poll.notices?.results) return false;
      // The notice, its place in the outbox and the frozen eligible count: one update, guarded by the notice's absence.
      const result = await polls.updateOne(
        { _id: pollId, 'notices.results': { $exists: false } },
        { $set: { 'notices.results': at, ...(poll.eligibleAtEnd === undefined || poll.eligibleAtEnd === null ? { eligibleAtEnd: eligible } : {}) }, $push: { pendingNotices: 'results' } },
      );
      return result.modifiedCount === 1;
    },

    async withPendingNotices(limit) {
      const docs = await polls
        .find({ pendingNotices: { $in: ['opened', 'results', 'cancelled'] } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return docs.map(toPoll);
    },

    async clearPendingNotices(pollId, kinds) {
      if (kinds.length) await polls.updateOne({ _id: pollId }, { $pullAll: { pendingNotices: [...kinds] } });
    },
  };
}

/** Comments on polls (`poll_comments`), newest first; hiding keeps the text for staff. */
export function mongoPollCommentStore(database: Database): PollCommentStore {
  const comments = database.connection.db!.collection<CommentDoc>(database.models.PollComment.collection.collectionName);
  return {
    async insert(comment) {
      const _id = new ObjectId();
      await comments.insertOne({ ...comment, _id });
      return { ...comment, id: _id.toHexString() };
    },
    async findById(pollId, id) {
      const _id = objectIdOf(id);
      const doc = _id && (await comments.findOne({ _id, pollId }));
      return doc ? toComment(doc) : undefined;
    },
    async list(pollId, page) {
      const filter: Filter<CommentDoc> = { pollId };
      if (page.cursor !== undefined) {
        const after = decodeTimeIdCursor(page.cursor);
        const afterId = after && objectIdOf(after.id);
        if (!after || !afterId) throw invalidListCursor();
        filter.$or = [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: afterId } }];
      }
      const docs = await comments
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .limit(page.limit + 1)
        .toArray();
      const items = docs.slice(0, page.limit).map(toComment);
      const last = items[items.length - 1];
      return { items, nextCursor: docs.length > page.limit && last ? encodeTimeIdCursor(last.at, last.id) : null };
    },
    async hide(pollId, id, hidden) {
      const _id = objectIdOf(id);
      if (!_id) return undefined;
      const doc = await comments.findOneAndUpdate({ _id, pollId }, { $set: { hidden } }, { returnDocument: 'after' });
      return doc ? toComment(doc) : undefined;
    },
  };
}
