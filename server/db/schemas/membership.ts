import { Schema } from 'mongoose';
import { membershipRelations, membershipStatuses } from '../../../shared/api/membership';

/**
 * One claim to a home inside an account's document: `id` is the membership's id in the API (a
 * 24-hex ObjectId string), `revision` the guard of its next decision.
 */
const homeSchema = new Schema(
  {
    id: { type: String, required: true },
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
  { _id: false },
);

/**
 * A resident's claims to homes (`account_memberships`), one document per account, `_id` = the
 * account's id: every vote and every poll page reads its voter's homes, and on our local engine
 * only an `_id` read does not scan the collection. The account holds one claim per household, and
 * that rule lives in this one document: every change rewrites `homes` whole under `version` (a
 * rejected or ended claim is claimed again in place, back to pending).
 */
export const accountMembershipsSchema = new Schema(
  {
    _id: { type: String, required: true },
    homes: { type: [homeSchema], default: [] },
    version: { type: Number, required: true },
  },
  { versionKey: false },
);
// A decision by membership id (staff, or the resident leaving).
accountMembershipsSchema.index({ 'homes.id': 1 });
// The staff list of some compounds (and a status); a compound's or some buildings' eligible count.
accountMembershipsSchema.index({ 'homes.compoundCode': 1, 'homes.status': 1, 'homes.buildingCode': 1 });
// The district-wide list (district centre, administrators) by status.
accountMembershipsSchema.index({ 'homes.status': 1 });
// A grid's eligible count.
accountMembershipsSchema.index({ 'homes.gridCode': 1, 'homes.status': 1 });
// A poll notice's audience, page by page in account order: a compound's (or some buildings') and a grid's verified residents.
accountMembershipsSchema.index({ 'homes.compoundCode': 1, 'homes.status': 1, _id: 1 });
accountMembershipsSchema.index({ 'homes.gridCode': 1, 'homes.status': 1, _id: 1 });
// A household's pending claims, for a roster import to verify.
accountMembershipsSchema.index({ 'homes.householdId': 1, 'homes.status': 1 });

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
