import { z } from 'zod';

/** A photo's id: 32 hex digits. */
export const photoIdPattern = /^[0-9a-f]{32}$/;

/** `POST /api/v1/photos`: the stored photo, re-encoded as JPEG. */
export const uploadedPhotoSchema = z.strictObject({
  id: z.string().regex(photoIdPattern),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  url: z.string(),
  thumbnailUrl: z.string(),
});
export type UploadedPhoto = z.output<typeof uploadedPhotoSchema>;
