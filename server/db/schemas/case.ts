import { Schema } from 'mongoose';
import { caseStatuses } from '../../../shared/cases/states';

const mixed = Schema.Types.Mixed;

/**
 * A case and everything that changes with it — timeline, clock, assignment — in one document, so
 * each step is one conditional update on `version` (no transactions: FerretDB has none).
 * Fields below the line are derived from the record on every write, for the indexes.
 */
export const caseSchema = new Schema(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true },
    status: { type: String, enum: caseStatuses, required: true },
    subcategoryCode: { type: String, required: true },
    categoryCode: { type: String, required: true },
    catalogVersion: { type: Number, required: true },
    priority: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, required: true },
    location: { type: mixed },
    address: { type: String, required: true },
    streetCode: { type: String, required: true },
    gridCode: { type: String, required: true },
    compoundCode: { type: String },
    buildingCode: { type: String },
    source: { type: String, required: true },
    origin: { type: mixed },
    /** An outside deadline (a hotline centre's) the case clock is held to. */
    externalDeadline: { type: Date },
    reporter: { type: mixed, required: true },
    photos: { type: [String], default: [] },
    tier: { type: String, required: true },
    assignment: { type: mixed, required: true },
    clock: { type: mixed },
    /** The case-level clock (办结时限), from acceptance. */
    caseClock: { type: mixed },
    /** Each lead unit's ended holding of the case (flat objects). */
    unitHoldings: { type: [mixed], default: undefined },
    publicSummary: { type: String },
    publicPhotoIds: { type: [String], default: undefined },
    suspension: { type: mixed },
    resolution: { type: mixed },
    rating: { type: mixed },
    mergedInto: { type: String },
    followers: { type: Number, required: true },
    urgeCount: { type: Number, required: true },
    supervised: { type: Boolean, required: true },
    reopenCount: { type: Number, required: true },
    timeline: { type: [mixed], required: true },
    filedAt: { type: Date, required: true },
    closedAt: { type: Date },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    // ---- derived, for queries ----
    /** `all`, `status:…`, `group:…`, `cat:…`, `sub:…`, `overdue`, `supervised`: one filter per list query. */
    facets: { type: [String], required: true },
    statusGroup: { type: String, required: true },
    reporterId: { type: String, required: true },
    leadUnitCode: { type: String },
    cohandlerUnitCodes: { type: [String], default: [] },
    /** `<cohandler unit>|<facet>` for each pair: the cohandling list's scope and filter in one indexable array. */
    cohandlerFacets: { type: [String], default: [] },
    communityUnitCode: { type: String },
    /** When the scheduler must look at the case again; null when nothing can fall due by itself. */
    nextCheckAt: { type: Date, default: null },
    /**
     * The client's Idempotency-Key and a hash of its request, on a case filed with one. The case's
     * _id is derived from (reporter, key), so the _id index is what makes a key file once.
     */
    filingKey: { type: mixed },
    /** Residents who said "me too" (我也遇到): each counted once. */
    followerIds: { type: [String], default: [] },
    // ---- the outbox (server/jobs) ----
    /**
     * Effects of this case's writes not yet copied to the job queue, each written in the same
     * update as its step; emptied by the relay, so lists do not carry them for long.
     */
    outbox: { type: [mixed], default: [] },
    /** When the oldest pending outbox entry was written; null when there is none. */
    outboxSince: { type: Date, default: null },
    /** Keys of effects from other cases already applied here (a merge's followers): each applied once. */
    appliedEffectKeys: { type: [String], default: [] },
  },
  { versionKey: false, minimize: false },
);
// List views: scope, one facet, newest first, _id to break ties for the cursor.
caseSchema.index({ reporterId: 1, facets: 1, filedAt: -1, _id: -1 });
// The followed half of "mine". followerIds and facets are both arrays, which no compound index may
// hold together: the facet is checked on the few cases one resident follows, after this index.
caseSchema.index({ followerIds: 1, filedAt: -1, _id: -1 });
caseSchema.index({ leadUnitCode: 1, facets: 1, filedAt: -1, _id: -1 });
caseSchema.index({ cohandlerFacets: 1, filedAt: -1, _id: -1 });
caseSchema.index({ streetCode: 1, facets: 1, filedAt: -1, _id: -1 });
caseSchema.index({ gridCode: 1, facets: 1, filedAt: -1, _id: -1 });
caseSchema.index({ communityUnitCode: 1, facets: 1, filedAt: -1, _id: -1 });
caseSchema.index({ facets: 1, filedAt: -1, _id: -1 });
// The clock step: due cases in order.
caseSchema.index({ nextCheckAt: 1 });
// The Open311 updates feed: cases by when they last changed.
caseSchema.index({ updatedAt: -1, _id: -1 });
// The outbox relay: cases holding pending effects, oldest first.
caseSchema.index({ outboxSince: 1 });
// Duplicates at filing: same subcategory, open, latitude band; longitude and distance in TypeScript.
caseSchema.index({ subcategoryCode: 1, statusGroup: 1, 'location.lat': 1 });
caseSchema.index({ number: 1 }, { unique: true });

/** Daily sequence for human case numbers (`BH20260309-000123`). */
export const counterSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number, required: true } }, { versionKey: false });
