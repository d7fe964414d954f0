import { errors } from '../../errors';
import type { CaseCommandDeps } from '../ports';

/**
 * Claims the photos for the case, then runs the write; if the write does not happen, the claim is
 * released. Claiming first means two filings racing for the same photos (a double tap) cannot
 * both show them: the second is refused before it writes anything.
 */
export async function withClaimedPhotos<T>(deps: CaseCommandDeps, photoIds: string[], caseId: string, ownerId: string, write: () => Promise<T>): Promise<T> {
  const unusable = await deps.photos.claim(photoIds, { caseId }, ownerId);
  if (unusable.length > 0) throw errors.unprocessable('case.photos_unusable', '照片不存在或不属于您', { fields: { photos: [`照片不存在或不属于您：${unusable.join('、')}`] } });
  try {
    return await write();
  } catch (error) {
    await deps.photos.release(photoIds, { caseId });
    throw error;
  }
}

