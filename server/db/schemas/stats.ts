import { Schema } from 'mongoose';

/*
 * The statistics projection (server/commands/stats). Every query is by exact `_id`, or takes any
 * few recorded events (no filter, no sort), so no index beyond `_id` is declared. Tallies are one
 * JSON string field: FerretDB decodes a document field by field, and a month's breakdowns are
 * thousands of numbers (ferretdb.md; measured in the design).
 */

/** A counted event waiting to be folded; `_id` is its key (`caseId:seq`), so recording it twice fails with 11000. */
export const statsEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    seq: { type: Number, required: true },
    /** The CountedEvent as JSON. */
    event: { type: String, required: true },
  },
  { versionKey: false },
);

/** One scope's counters over a day or a month, written whole by the fold. */
export const statsCounterSchema = new Schema(
  {
    /** `<scopeKey>@d:YYYY-MM-DD` or `<scopeKey>@m:YYYY-MM`. */
    _id: { type: String, required: true },
    scope: { type: String, required: true },
    period: { type: String, required: true },
    version: { type: Number, required: true },
    /** The fold that wrote it last: a resumed fold skips it. */
    lastFold: { type: String, default: null },
    /** The Tally as JSON. */
    tally: { type: String, required: true },
  },
  { versionKey: false },
);

/** The fold's journal (`_id: 'journal'`, the batch in hand or a rebuild's hold) and its status (`_id: 'status'`). */
export const statsFoldSchema = new Schema(
  {
    _id: { type: String, required: true },
    id: { type: String },
    /** The journal's CountedEvents as JSON. */
    events: { type: String },
    heldUntil: { type: Date },
    countedUntil: { type: Date },
  },
  { versionKey: false },
);

/** Per case, the timeline seqs already folded: a recorded effect re-run after its fold is skipped. */
export const statsMarkSchema = new Schema(
  {
    /** The case id. */
    _id: { type: String, required: true },
    /** A set, not a high-water mark: a case's effects may run out of order (a retried job). */
    seqs: { type: [Number], default: [] },
  },
  { versionKey: false },
);
