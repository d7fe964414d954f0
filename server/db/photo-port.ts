import type { PhotoPort } from '../commands/cases';
import { attachPhotos } from '../photos/photos';
import type { Database } from './connection';

/** Photos as the case commands need them: claimed for a case all at once, or not at all. */
export function mongoPhotoPort(database: Database): PhotoPort {
  return {
    async claim(photoIds, caseId, ownerId) {
      if (photoIds.length === 0) return [];
      const result = await attachPhotos(database, photoIds, { ownerId, caseId });
      return result.ok ? [] : result.missing;
    },
    async release(photoIds, caseId) {
      if (photoIds.length === 0) return;
      await database.models.Photo.collection.updateMany({ _id: { $in: photoIds }, caseId } as never, { $set: { caseId: null } });
    },
  };
}
