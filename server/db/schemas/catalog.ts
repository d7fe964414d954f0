import { Schema } from 'mongoose';

/**
 * One published version of the management service list. Versions are never edited in place:
 * a case keeps the version it was filed under, so its stage rules cannot shift under it.
 */
export const catalogVersionSchema = new Schema(
  {
    version: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: String, required: true },
    categories: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false },
);
catalogVersionSchema.index({ version: -1 }, { unique: true });
