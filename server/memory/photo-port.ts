import type { PhotoPort } from '../commands/ports';

/**
 * Uploaded photos in a map, claimed as the mongo photo port claims them: all of them for one case,
 * or none. `upload` stands in for the upload route.
 */
export function memoryPhotoPort(): PhotoPort & { upload(ownerId: string): string; caseOf(photoId: string): string | null | undefined } {
  const photos = new Map<string, { ownerId: string; caseId: string | null }>();
  let next = 0;
  return {
    upload(ownerId) {
      next += 1;
      const id = next.toString(16).padStart(32, '0');
      photos.set(id, { ownerId, caseId: null });
      return id;
    },
    caseOf(photoId) {
      return photos.get(photoId)?.caseId;
    },
    async claim(photoIds, caseId, ownerId) {
      const ids = [...new Set(photoIds)];
      const unusable = ids.filter((id) => {
        const photo = photos.get(id);
        return !photo || photo.ownerId !== ownerId || (photo.caseId !== null && photo.caseId !== caseId);
      });
      if (unusable.length > 0) return unusable;
      for (const id of ids) photos.get(id)!.caseId = caseId;
      return [];
    },
    async release(photoIds, caseId) {
      for (const id of photoIds) {
        const photo = photos.get(id);
        if (photo?.caseId === caseId) photo.caseId = null;
      }
    },
  };
}
