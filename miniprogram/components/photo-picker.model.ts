import type { DraftPhoto } from '../services/drafts';

/** One photo of a form: shown at once from the phone, uploaded in the background. */
export interface PickedPhoto {
  /** Local identity in the list (the server id arrives later, or never). */
  key: string;
  /** What the tile shows: the picked file, then the compressed preview. */
  preview: string;
  status: 'uploading' | 'done' | 'failed';
  /** The server's photo id, once `done`: what a filing sends. */
  id?: string;
  /** Why the upload failed, in Chinese. */
  error?: string;
  /** The picked file, kept for 重试. */
  source?: string;
}

/** The server ids of the photos that finished uploading, in the order shown. */
export const uploadedIds = (photos: PickedPhoto[]): string[] => photos.filter((photo) => photo.status === 'done' && photo.id).map((photo) => photo.id!);

/** The draft's photos as the picker shows them (already uploaded). */
export const pickedFromDraft = (photos: DraftPhoto[]): PickedPhoto[] => photos.map((photo) => ({ key: `draft-${photo.id}`, preview: photo.preview, status: 'done', id: photo.id }));

/** What a draft keeps of the picker's photos: only the uploaded ones (a pending upload cannot be resumed after a restart). */
export const draftPhotosOf = (photos: PickedPhoto[]): DraftPhoto[] => photos.filter((photo) => photo.status === 'done' && photo.id).map((photo) => ({ id: photo.id!, preview: photo.preview }));

/** Why the photos keep a form from being sent: one still uploading, or one that failed. */
export function photoUploadError(photos: PickedPhoto[]): string | undefined {
  if (photos.some((photo) => photo.status === 'uploading')) return '照片还在上传，请稍候再提交';
  if (photos.some((photo) => photo.status === 'failed')) return '有照片上传失败，请点“重试”或删除后再提交';
  return undefined;
}
