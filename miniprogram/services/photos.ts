import type { z } from 'zod';
import type { uploadedPhotoSchema } from '../../shared/api/photos';
import Taro from '@tarojs/taro';
import { API_BASE, readToken, request } from './http';

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

const signedInSources = new Map<string, Promise<string>>();

/**
 * A photo as an image can show it. An <Image> sends no Authorization header, and a case photo the
 * public may not see (the filer's, a step's before review) is only served to those signed in: so
 * signed in, the photo is downloaded with the token and shown from the local copy (kept per account and path).
 */
export function photoSource(path: string): Promise<string> {
  const url = photoUrl(path);
  const token = readToken();
  if (!token) return Promise.resolve(url);
  // Per account too: a copy fetched for someone who signed out is not shown to the next person.
  const cacheKey = `${token}\n${url}`;
  const known = signedInSources.get(cacheKey);
  if (known) return known;
  const loading = Taro.downloadFile({ url, header: { Authorization: `Bearer ${token}` } }).then(
    (result) => (result.statusCode === 200 ? result.tempFilePath : url),
    () => url,
  );
  signedInSources.set(cacheKey, loading);
  return loading;
}
