import type { z } from 'zod';
import type { uploadedPhotoSchema } from '../../shared/api/photos';
import { API_BASE, request } from './http';

export type UploadedPhoto = z.input<typeof uploadedPhotoSchema>;

/**
 * Sends a photo's bytes as the server takes them: the raw JPEG as the body (no multipart).
 * The caller compresses first (`Taro.compressImage` gives JPEG, which also turns an iPhone's HEIC
 * into something the server decodes).
 */
export function uploadPhotoBytes(bytes: ArrayBuffer): Promise<UploadedPhoto> {
  return request<UploadedPhoto>('POST', '/api/v1/photos', bytes, { headers: { 'Content-Type': 'image/jpeg' } });
}

/** A photo link from the API, made absolute for the mini-program (H5 shares the API's origin). */
export function photoUrl(path: string): string {
  return /^https?:/.test(path) ? path : `${API_BASE}${path}`;
}
