import { Schema } from 'mongoose';
import { accountAuditActions } from '../../../shared/api/accounts';
import { roles } from '../../../shared/domain/roles';

/** One administrative change, appended in the same update as the change itself. */
const accountAuditSchema = new Schema(
  {
    action: { type: String, enum: accountAuditActions, required: true },
    at: { type: Date, required: true },
    byId: { type: String, required: true },
    byName: { type: String, required: true },
    /** `role` or `role@place`, before and after an assignment change. */
    from: { type: String },
    to: { type: String },
    reason: { type: String },
  },
  { _id: false },
);

/**
 * An account: staff sign in with a username and password, residents with WeChat (openid).
 * `loginKey` is always set (`pw:<username>` or `wx:<openid>`) so one unique index covers both
 * without relying on sparse indexes, which FerretDB ignores and MongoDB honours.
 */
export const accountSchema = new Schema(
  {
    loginKey: { type: String, required: true },
    username: { type: String },
    openid: { type: String },
    /** The WeChat open-platform unionid, when WeChat gives one at sign-in: links the account to the service account's followers. */
    unionid: { type: String },
    /** scrypt: `scrypt$N$r$p$salt$hash` (base64). */
    passwordHash: { type: String },
    displayName: { type: String, required: true },
    phone: { type: String },
    role: { type: String, enum: roles, required: true },
    scope: {
      streetCode: { type: String },
      gridCode: { type: String },
      compoundCodes: { type: [String], default: undefined },
      unitCode: { type: String },
    },
    disabled: { type: Boolean, default: false },
    /** Moves on at each password reset and disable: tokens carry it, and older ones stop working. */
    credentialGeneration: { type: Number, default: 0 },
    /** Moves on at every administrative change, which is written only if it is unchanged. */
    revision: { type: Number, default: 0 },
    /** Who changed what and when, oldest first; bounded (the oldest entries drop off). */
    audit: { type: [accountAuditSchema], default: undefined },
    /** Seeded demo accounts can use the development login; never honoured in production. */
    demo: { type: Boolean, default: false },
  },
  { versionKey: false, timestamps: true },
);
accountSchema.index({ loginKey: 1 }, { unique: true });
accountSchema.index({ role: 1, 'scope.streetCode': 1 });
accountSchema.index({ 'scope.streetCode': 1, _id: -1 });
accountSchema.index({ 'scope.unitCode': 1, _id: -1 });
