import { Schema } from 'mongoose';
import { membershipRelations, membershipStatuses } from '../../../shared/api/membership';

/**
 * A resident's claim to a home (`memberships`). One document per (account, household): a rejected
 * or ended claim is claimed again by moving the same document back to pending, so the unique index
 * is what refuses a second claim of a room, not a read-then-write check.
 */
export const membershipSchema = new Schema(
  {
    accountId: { type: String, required: true },
    accountName: { type: String, required: true },
    compoundCode: { type: String, required: true },
    buildingCode: { type: String, required: true },
    unit: { type: String, required: true },
    room: { type: String, required: true },
    householdId: { type: String, required: true },
    gridCode: { type: String, required: true },
    streetCode: { type: String, required: true },
    relation: { type: String, enum: membershipRelations, required: true },
    status: { type: String, enum: membershipStatuses, required: true },
    claimedName: { type: String },
    phone: { type: String },
    reason: { type: String },
    decidedBy: { type: String, enum: ['roster', 'staff', 'resident'] },
    decidedById: { type: String },
    decidedAt: { type: Date },
    createdAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { versionKey: false },
);
membershipSchema.index({ accountId: 1, householdId: 1 }, { unique: true });
// The staff list of some compounds (and a status), newest first, _id for the cursor; a compound's or some buildings' eligible count.
membershipSchema.index({ compoundCode: 1, status: 1, createdAt: -1, _id: -1 });
// The same list of every status.
membershipSchema.index({ compoundCode: 1, createdAt: -1, _id: -1 });
// The district-wide list (district centre, administrators), by status or of every status.
membershipSchema.index({ status: 1, createdAt: -1, _id: -1 });
membershipSchema.index({ createdAt: -1, _id: -1 });
// A grid's eligible count.
membershipSchema.index({ gridCode: 1, status: 1 });
// A poll notice's audience, page by page in _id order: a compound's (or some buildings') and a grid's verified residents.
membershipSchema.index({ compoundCode: 1, status: 1, _id: 1 });
membershipSchema.index({ gridCode: 1, status: 1, _id: 1 });
// A household's pending claims, for a roster import to verify.
membershipSchema.index({ householdId: 1, status: 1 });

const rosterResidentSchema = new Schema(
  {
    line: { type: Number, required: true },
    name: { type: String, required: true },
    phone: { type: String, required: true },
    relation: { type: String, enum: membershipRelations, required: true },
  },
  { _id: false },
);

const rosterHouseholdSchema = new Schema(
  {
    householdId: { type: String, required: true },
    compoundCode: { type: String, required: true },
    buildingCode: { type: String, required: true },
    unit: { type: String, required: true },
    room: { type: String, required: true },
    residents: { type: [rosterResidentSchema], default: [] },
  },
  { _id: false },
);

/**
 * A community's roster (住户花名册) as last imported (`rosters`), `_id` = the committee's unit
 * code. Replaced whole by one write: without transactions, that is what keeps an import from being
 * half-done. `householdIds` repeats the households' ids at the top level, for the index.
 */
export const rosterSchema = new Schema(
  {
    _id: { type: String, required: true },
    households: { type: [rosterHouseholdSchema], default: [] },
    householdIds: { type: [String], default: [] },
    rows: { type: Number, required: true },
    importedBy: { type: String, required: true },
    importedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// Which roster holds a room, when a resident claims it.
rosterSchema.index({ householdIds: 1 });
