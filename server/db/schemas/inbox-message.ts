import { Schema } from 'mongoose';

/**
 * In-app messages (站内消息) written by the `notify` and `poll.notice` handlers. One per (effect key, recipient): the
 * unique index turns a handler re-run after a crash into a duplicate-key error, not a second message.
 * Kept after the case closes: the inbox is the lasting record of what each party was told.
 */
export const inboxMessageSchema = new Schema(
  {
    /** The outbox entry that caused it. */
    effectKey: { type: String, required: true },
    /** `account:<id>`, `unit:<code>`, `street:<code>` or `district`. */
    recipient: { type: String, required: true },
    /** The case it tells of; absent on a poll's notice. */
    caseId: { type: String },
    caseNumber: { type: String },
    /** The poll it tells of (`{ id, title }`): a poll's notice. */
    poll: { type: Schema.Types.Mixed },
    /** A visit reminder: opens the worklist, names no person. */
    visitWorklist: { type: Boolean },
    template: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
    /** Accounts that have read it: one for a personal message, each reader for an organisation's shared one. */
    readBy: { type: [String], default: [] },
  },
  { versionKey: false },
);
inboxMessageSchema.index({ effectKey: 1, recipient: 1 }, { unique: true });
// A recipient's messages, newest first, _id for the cursor: the list, the unread count, read-all.
inboxMessageSchema.index({ recipient: 1, at: -1, _id: -1 });
