import { Schema } from 'mongoose';
import { roles } from '../../../shared/domain/roles';

/**
 * An uploaded case photo. The image itself lives on disk under the uploads folder, named by
 * `_id` (a random id, never anything the client sent); this document says who may see it.
 */
export const photoSchema = new Schema(
  {
    /** 32 hex characters from a CSPRNG: unguessable, and safe to put in a file path. */
    _id: { type: String, required: true },
    /** The uploader's account id. */
    ownerId: { type: String, required: true },
    ownerRole: { type: String, enum: roles, required: true },
    /** Size of the stored, re-encoded JPEG (not of what was uploaded). */
    bytes: { type: Number, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    /** The case that shows this photo; null until the case is filed, which makes it public. */
    caseId: { type: String, default: null },
    /** The poll whose background shows this photo; null unless its author attached it to a draft. */
    pollId: { type: String, default: null },
  },
  { versionKey: false },
);
photoSchema.index({ ownerId: 1, createdAt: -1 });
// A case's photos, and (caseId null, oldest first) the candidates of a later orphan sweep, which must also skip a poll's (pollId set).
photoSchema.index({ caseId: 1, createdAt: 1 });
