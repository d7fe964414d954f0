import { Schema } from 'mongoose';

/** An Open311 API key: found by its id, which the key itself carries; the secret only hashed. */
export const open311KeySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    secretHash: { type: String, required: true },
    createdById: { type: String, required: true },
    createdByName: { type: String, required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

/** A case filed through Open311, by its token: what `tokens/{id}` answers, and the client's contact details. */
export const open311FilingSchema = new Schema(
  {
    _id: { type: String, required: true },
    caseId: { type: String, required: true },
    keyId: { type: String, required: true },
    email: { type: String },
    mediaUrl: { type: String },
    deviceId: { type: String },
    accountId: { type: String },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
