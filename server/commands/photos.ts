import { maySeePhoto, type PhotoHolder } from '../../shared/policies/privacy';
import type { Actor } from '../../shared/domain/roles';
import { AppError, errors } from '../errors';
import type { CaseStore, MembershipStore, PhotoLibrary, PhotoRefusal, PollStore, ReferencePort, StoredPhoto } from './ports';

export interface PhotoCommandDeps {
  library: PhotoLibrary;
  /** A case's photo is shown as the privacy policy shows that case: the case is read for it. */
  cases: Pick<CaseStore, 'findById'>;
  /** A poll's photo is shown to whoever may read that poll: the poll, the viewer's homes and its compound are read for it. */
  polls: Pick<PollStore, 'findById'>;
  memberships: Pick<MembershipStore, 'ofAccount'>;
  reference: Pick<ReferencePort, 'compounds'>;
  now: () => Date;
}

const refusals: Record<PhotoRefusal, (library: PhotoLibrary) => AppError> = {
  unsupported_type: (library) => new AppError('photo.unsupported_type', `只支持 ${library.heicSupported ? 'JPEG、PNG、WebP、HEIC' : 'JPEG、PNG、WebP'} 格式的照片`, 415),
  too_many_pixels: () => new AppError('photo.too_many_pixels', '照片像素过多（上限约 4000 万像素），请缩小后再上传', 422),
  unreadable: () => new AppError('photo.unreadable', '照片已损坏，无法读取', 422),
};

/** Stores an upload for a signed-in account (never the system actor): processed, re-encoded, unattached. */
export async function uploadPhoto(deps: PhotoCommandDeps, actor: Actor, bytes: Buffer): Promise<StoredPhoto> {
  if (actor.role === 'system') throw errors.forbidden('auth.role_not_allowed', '当前身份无权执行此操作');
  if (bytes.length === 0) throw new AppError('photo.empty', '没有收到照片内容', 400);
  const stored = await deps.library.store(bytes, { ownerId: actor.id, ownerRole: actor.role, now: deps.now() });
  if (!stored.ok) throw refusals[stored.problem](deps.library);
  return stored.photo;
}

/** What the privacy policy needs to rule on the photo: the case or poll that shows it. */
async function holderOf(deps: PhotoCommandDeps, photo: StoredPhoto, actor: Actor | undefined): Promise<PhotoHolder> {
  if (photo.caseId) return { case: await deps.cases.findById(photo.caseId) };
  if (!photo.pollId) return {};
  const poll = await deps.polls.findById(photo.pollId);
  if (!poll) return {};
  const memberships = actor?.role === 'resident' ? await deps.memberships.ofAccount(actor.id) : [];
  const compound = poll.compoundCode ? deps.reference.compounds.get(poll.compoundCode) : undefined;
  return { poll: { poll, facts: { memberships, compound, now: deps.now() } } };
}

/**
 * A photo for a viewer the privacy policy admits (shared/policies/privacy.ts), with where its
 * bytes are; 404, 401 or 403 otherwise. A poll's photo outside one's view is 404, as the poll
 * itself is: its id says nothing of polls elsewhere.
 */
export async function photoForViewer(deps: PhotoCommandDeps, actor: Actor | undefined, id: string, size: 'full' | 'thumb') {
  const photo = await deps.library.find(id);
  if (!photo) throw errors.notFound('照片');
  if (!maySeePhoto(photo, { actor }, await holderOf(deps, photo, actor))) {
    if (photo.pollId) throw errors.notFound('照片');
    throw actor ? errors.forbidden('photo.not_allowed', '无权查看这张照片') : errors.unauthenticated('请先登录后查看这张照片');
  }
  return { photo, filePath: deps.library.filePath(photo.id, size) };
}
