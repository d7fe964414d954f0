import { Schema } from 'mongoose';
import { roles } from '../../../shared/domain/roles';

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
    /** Seeded demo accounts can use the development login; never honoured in production. */
    demo: { type: Boolean, default: false },
  },
  { versionKey: false, timestamps: true },
);
accountSchema.index({ loginKey: 1 }, { unique: true });
accountSchema.index({ role: 1, 'scope.streetCode': 1 });
