import type { PhotoPort } from '../commands/ports';
import { attachPhotos, releasePhotos } from '../photos/photos';
import type { Database } from './connection';

/** Photos as the case and poll commands need them: claimed for one holder all at once, or not at all. */
export function mongoPhotoPort(database: Database): PhotoPort {
  return {
    async claim(photoIds, holder, ownerId) {
      if (photoIds.length === 0) return [];
      const result = await attachPhotos(database, photoIds, { ownerId, ...holder });
      return result.ok ? [] : result.missing;
    },
    async release(photoIds, holder) {
      if (photoIds.length === 0) return;
      await releasePhotos(database, photoIds, holder);
    },
  };
}
