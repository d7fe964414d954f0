import type { PhotoPort } from '../commands/cases';
import type { Database } from './connection';
import { attachPhotos } from '../photos/photos';

/** Photos as the case commands need them: ownership checks and attaching to a case. */
export function mongoPhotoPort(database: Database): PhotoPort {
  const photos = () => database.models.Photo.collection;
  return {
    async unusable(photoIds, ownerId, caseId) {
      if (photoIds.length === 0) return [];
      const found = await photos()
        .find({ _id: { $in: photoIds } } as never, { projection: { ownerId: 1, caseId: 1 } })
        .toArray();
      const usable = new Set(
        found.filter((photo) => photo.ownerId === ownerId && (photo.caseId === null || photo.caseId === undefined || photo.caseId === caseId)).map((photo) => String(photo._id)),
      );
      return [...new Set(photoIds)].filter((id) => !usable.has(id));
    },
    async attach(photoIds, caseId, ownerId) {
      if (photoIds.length === 0) return;
      await attachPhotos(database, photoIds, { ownerId, caseId });
    },
  };
}
