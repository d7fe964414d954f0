import type { PhotoHolderRef, PhotoPort } from '../commands/ports';

/**
 * Uploaded photos in a map, claimed as the mongo photo port claims them: all of them for one case
 * or poll, or none. `upload` stands in for the upload route.
 */
export function memoryPhotoPort(): PhotoPort & { upload(ownerId: string): string; caseOf(photoId: string): string | null | undefined; pollOf(photoId: string): string | null | undefined } {
  const photos = new Map<string, { ownerId: string; caseId: string | null; pollId: string | null }>();
  const fieldOf = (holder: PhotoHolderRef) => ('caseId' in holder ? (['caseId', holder.caseId, 'pollId'] as const) : (['pollId', holder.pollId, 'caseId'] as const));
  let next = 0;
  return {
    upload(ownerId) {
      next += 1;
      const id = next.toString(16).padStart(32, '0');
      photos.set(id, { ownerId, caseId: null, pollId: null });
      return id;
    },
    caseOf(photoId) {
      return photos.get(photoId)?.caseId;
    },
    pollOf(photoId) {
      return photos.get(photoId)?.pollId;
    },
    async claim(photoIds, holder, ownerId) {
      const [field, holderId, other] = fieldOf(holder);
      const ids = [...new Set(photoIds)];
      const unusable = ids.filter((id) => {
        const photo = photos.get(id);
        return !photo || photo.ownerId !== ownerId || photo[other] !== null || (photo[field] !== null && photo[field] !== holderId);
      });
      if (unusable.length > 0) return unusable;
      for (const id of ids) photos.get(id)![field] = holderId;
      return [];
    },
    async release(photoIds, holder) {
      const [field, holderId] = fieldOf(holder);
      for (const id of photoIds) {
        const photo = photos.get(id);
        if (photo?.[field] === holderId) photo[field] = null;
      }
    },
  };
}
