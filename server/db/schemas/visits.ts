import { Schema } from 'mongoose';

const mixed = Schema.Types.Mixed;

/**
 * The register of key service populations (重点服务人群). Only what the policy and the schedule must
 * filter on is in clear (category, risk, place codes, dates); who the person is sits in `sealed`,
 * encrypted by the application (server/crypto/field-sealer.ts), so a dump of the collection names nobody.
 */
export const visitPersonSchema = new Schema(
  {
    _id: { type: String, required: true },
    categoryCode: { type: String, required: true },
    risk: { type: String, required: true },
    /** 0 red, 1 yellow, 2 blue: the worklist's first sort key. */
    riskRank: { type: Number, required: true },
    streetCode: { type: String, required: true },
    communityUnitCode: { type: String, required: true },
    gridCode: { type: String, required: true },
    compoundCode: { type: String, required: true },
    status: { type: String, required: true },
    registeredAt: { type: Date, required: true },
    majorChangeAt: { type: Date },
    lastVisitAt: { type: Date },
    dueAt: { type: Date, required: true },
    warnAt: { type: Date, required: true },
    sealed: { type: mixed, required: true },
    /** { reason, leftAt, at, by } once the person left the category. */
    archived: { type: mixed },
    purgedAt: { type: Date },
    createdBy: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);
// A grid's worklist: its people by risk, then due time.
visitPersonSchema.index({ gridCode: 1, status: 1, riskRank: 1, dueAt: 1, _id: 1 });
visitPersonSchema.index({ communityUnitCode: 1, status: 1, riskRank: 1, dueAt: 1, _id: 1 });
visitPersonSchema.index({ streetCode: 1, categoryCode: 1, status: 1, riskRank: 1, dueAt: 1, _id: 1 });
// The purge step's scan: the archived, by when.
visitPersonSchema.index({ status: 1, 'archived.at': 1 });
// The reminder step's scan: whoever's reminder time has come.
visitPersonSchema.index({ status: 1, warnAt: 1 });

/** Visits (入户走访记录): answers, findings and the point at the door sealed; ids derived from the app's draft id. */
export const visitRecordSchema = new Schema(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    categoryCode: { type: String, required: true },
    streetCode: { type: String, required: true },
    communityUnitCode: { type: String, required: true },
    gridCode: { type: String, required: true },
    visitedAt: { type: Date, required: true },
    method: { type: String, required: true },
    met: { type: Boolean, required: true },
    visitorIds: { type: [String], required: true },
    sealed: { type: mixed, required: true },
    riskBefore: { type: String, required: true },
    nextRisk: { type: String, required: true },
    caseId: { type: String },
    signOff: { type: mixed },
    purgedAt: { type: Date },
    recordedBy: { type: String, required: true },
    recordedAt: { type: Date, required: true },
    draft: { type: mixed, required: true },
  },
  { versionKey: false },
);
visitRecordSchema.index({ personId: 1, visitedAt: -1 });

/**
 * Who read, unmasked, registered or visited whom: insert-only for users. Only the purge touches it:
 * it blanks the reasons of a purged person's lines and deletes lines older than VISITS_AUDIT_RETENTION_DAYS.
 */
export const visitAuditSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, required: true },
    actorRole: { type: String, required: true },
    action: { type: String, required: true },
    personId: { type: String, required: true },
    communityUnitCode: { type: String, required: true },
    field: { type: String },
    reason: { type: String },
  },
  { versionKey: false },
);
visitAuditSchema.index({ communityUnitCode: 1, at: -1, _id: -1 });
// The purge: a person's lines (reasons blanked), and the oldest lines (the audit's own retention).
visitAuditSchema.index({ at: 1 });
visitAuditSchema.index({ personId: 1 });

/**
 * One published version of the visit category list (入户走访类别). Versions are never edited in
 * place: an upload is a new document, and the unique index on version refuses a second writer.
 */
export const visitCategoryVersionSchema = new Schema(
  {
    version: { type: Number, required: true },
    effectiveFrom: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
    categories: { type: mixed, required: true },
  },
  { versionKey: false },
);
visitCategoryVersionSchema.index({ version: -1 }, { unique: true });
