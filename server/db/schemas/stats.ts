import { Schema } from 'mongoose';

/*
 * The statistics projection (server/commands/stats). Every query is by exact `_id`, or takes any
 * few recorded events (no filter, no sort), so no index beyond `_id` is declared. The counter
 * documents have no model: they live in one raw collection per month (`stats_counters_YYYYMM`,
 * server/db/stats-store.ts), created by their first insert. Their tallies are one JSON string
 * field: FerretDB decodes a document field by field, and a month's breakdowns are thousands of
 * numbers (ferretdb.md; measured in the design).
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

/** An event folded already, for ever (`_id`: its key `caseId:seq`): a recorded effect re-run after its fold is skipped. Insert-only. */
export const statsFoldedSchema = new Schema({ _id: { type: String, required: true } }, { versionKey: false });
