import { Schema } from 'mongoose';

const mixed = Schema.Types.Mixed;

/**
 * Consultation polls. The questions freeze when a poll opens; `tally` and `counted` are the
 * snapshot of the last count (recounted from `poll_ballots`, never incremented), `version` guards
 * every change people make.
 */
export const pollSchema = new Schema(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true },
    title: { type: String, required: true },
    background: { type: String, required: true },
    photoIds: { type: [String], default: [] },
    scope: { type: mixed, required: true },
    questions: { type: mixed, required: true },
    votesPer: { type: String, required: true },
    opensAt: { type: Date, required: true },
    closesAt: { type: Date, required: true },
    resultsVisibility: { type: String, required: true },
    publicResults: { type: Boolean, required: true },
    quorum: { type: Number },
    pass: { type: mixed },
    streetCode: { type: String, required: true },
    compoundCode: { type: String },
    gridCode: { type: String, required: true },
    communityUnitCode: { type: String },
    author: { type: mixed, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    closedAt: { type: Date },
    cancelReason: { type: String },
    tally: { type: mixed, required: true },
    counted: { type: Number, required: true },
    eligibleAtEnd: { type: Number },
    /** When each notice to the residents (opened, results, cancelled) was recorded. */
    notices: { type: mixed },
    /** Notices recorded and not yet copied into the job queue: the poll's outbox. */
    pendingNotices: { type: [String], default: undefined },
    decision: { type: mixed },
    version: { type: Number, required: true },
  },
  { versionKey: false },
);
// The lists: a compound's, a grid's, a street's polls, newest first.
pollSchema.index({ compoundCode: 1, createdAt: -1, _id: -1 });
pollSchema.index({ gridCode: 1, createdAt: -1, _id: -1 });
pollSchema.index({ streetCode: 1, createdAt: -1, _id: -1 });
// The notice relay: polls holding pending notices.
pollSchema.index({ pendingNotices: 1 });
// Results notices: ended polls, by the end of their voting.
pollSchema.index({ status: 1, closesAt: 1 });

/**
 * That someone voted. `_id` is the vote key (`<poll>:resident:<account>` or
 * `<poll>:household:<household>`): the primary key is the one-vote rule. No time is stored, and
 * the pending ballot leaves this document when it is counted (ARCHITECTURE.md, "Poll ballots").
 */
export const pollParticipationSchema = new Schema(
  {
    _id: { type: String, required: true },
    pollId: { type: String, required: true },
    accountId: { type: String, required: true },
    householdId: { type: String, required: true },
    buildingCode: { type: String, required: true },
    unit: { type: String, required: true },
    room: { type: String, required: true },
    name: { type: String },
    pending: { type: mixed },
  },
  { versionKey: false },
);
pollParticipationSchema.index({ pollId: 1, _id: 1 });
pollParticipationSchema.index({ 'pending.receiptHash': 1 });
pollParticipationSchema.index({ 'pending.ballotId': 1 });

/** Counted ballots: a random id, the poll, the receipt's hash and the marks (`question:option`); nothing of the voter, no time. */
export const pollBallotSchema = new Schema(
  {
    _id: { type: String, required: true },
    pollId: { type: String, required: true },
    receiptHash: { type: String, required: true },
    marks: { type: [String], required: true },
  },
  { versionKey: false },
);
pollBallotSchema.index({ pollId: 1 });
pollBallotSchema.index({ receiptHash: 1 });

export const pollCommentSchema = new Schema(
  {
    pollId: { type: String, required: true },
    accountId: { type: String, required: true },
    authorLabel: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
    hidden: { type: mixed },
  },
  { versionKey: false },
);
pollCommentSchema.index({ pollId: 1, at: -1, _id: -1 });
