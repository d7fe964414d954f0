import { randomBytes } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InferSchemaType } from 'mongoose';
import sharp, { type Metadata } from 'sharp';
import type { CaseRecord } from '../../shared/cases/types';
import type { Role } from '../../shared/domain/roles';
import { maySeePhoto, type Viewer } from '../../shared/policies/privacy';
import type { PhotoHolderRef, PhotoLibrary, StoredPhoto } from '../commands/ports';
import type { Database } from '../db/connection';
import type { photoSchema } from '../db/schemas/photo';
import type { Equals } from '../db/schemas/shape-check';

/** What we keep of an uploaded photo: a plain object, never a mongoose document. */
export type Photo = StoredPhoto;

// Compile-time guard: the stored shape and `Photo` must not drift apart.
type Stored = Omit<InferSchemaType<typeof photoSchema>, '_id'>;
export const photoShapeAgrees: Equals<keyof Stored, keyof Omit<Photo, 'id'>> = true;

export const photoLimits = {
  /**
   * Decoding allocates width × height × channels before anything else happens: a 100 KB file can
   * claim 30 000 × 30 000 px. 40 MP keeps one decode under ~160 MB and is above what phones save
   * by default (12–24 MP); the 50–200 MP modes of some phones are refused, so the app should shrink
   * before uploading.
   */
  maxPixels: 40_000_000,
  /** Enough to read a licence plate or a crack in a wall on a phone screen. */
  maxSide: 2048,
  thumbSide: 320,
  quality: 82,
  thumbQuality: 75,
} as const;

export type PhotoSize = 'full' | 'thumb';

const photoIdPattern = /^[0-9a-f]{32}$/;

/** True for a string shaped like our ids; anything else cannot name a photo (or a file). */
export function isPhotoId(value: string): boolean {
  return photoIdPattern.test(value);
}

/**
 * HEIC (iPhone's default) needs an HEVC decoder that sharp's prebuilt libvips lacks (patents);
 * its heif loader then reads AVIF only. A libvips built with libde265 lists `.heic` here, and
 * HEIC is accepted without a code change.
 */
export const heicSupported = sharp.format.heif?.input.buffer === true && (sharp.format.heif.input.fileSuffix ?? []).includes('.heic');

type AcceptedFormat = 'jpeg' | 'png' | 'webp' | 'heif';

/**
 * The container a file claims by its first bytes. Only these reach sharp's parser: SVG, TIFF,
 * GIF and friends never get parsed at all, which keeps the attack surface to four loaders.
 */
function sniff(bytes: Buffer): AcceptedFormat | undefined {
  const ascii = (start: number, end: number) => bytes.toString('latin1', start, end);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (heicSupported && bytes.length >= 12 && ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(ascii(8, 12))) return 'heif';
  return undefined;
}

export type ProcessedPhoto =
  | { ok: true; image: Buffer; thumbnail: Buffer; width: number; height: number }
  | { ok: false; problem: 'unsupported_type' | 'too_many_pixels' | 'unreadable' };

/**
 * Identifies an upload from its bytes (never the client's content type or file name) and
 * re-encodes it as a JPEG plus a thumbnail. Re-encoding drops everything but pixels: EXIF (with
 * the GPS position of the resident's home), XMP, ICC, and anything smuggled after the image.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  const claimed = sniff(input);
  if (!claimed) return { ok: false, problem: 'unsupported_type' };

  let metadata: Metadata;
  try {
    // Header only, so no pixel limit is needed yet; the limit applies to the decode below.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (metadata.format !== claimed) return { ok: false, problem: 'unsupported_type' };
  // AVIF shares HEIC's container; only HEVC-coded HEIF is a phone photo we promised to take.
  if (metadata.format === 'heif' && metadata.compression !== 'hevc') return { ok: false, problem: 'unsupported_type' };
  if (!metadata.width || !metadata.height) return { ok: false, problem: 'unreadable' };
  if (metadata.width * metadata.height > photoLimits.maxPixels) return { ok: false, problem: 'too_many_pixels' };

  try {
    const full = await sharp(input, { limitInputPixels: photoLimits.maxPixels, autoOrient: true })
      .resize({ width: photoLimits.maxSide, height: photoLimits.maxSide, fit: 'inside', withoutEnlargement: true })
      // JPEG has no alpha: transparent areas of a PNG or WebP would otherwise turn black.
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: photoLimits.quality })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(full.data)
      .resize({ width: photoLimits.thumbSide, height: photoLimits.thumbSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: photoLimits.thumbQuality })
      .toBuffer();
    return { ok: true, image: full.data, thumbnail, width: full.info.width, height: full.info.height };
  } catch {
    // Truncated or corrupt pixel data behind a valid header.
    return { ok: false, problem: 'unreadable' };
  }
}

/** Where a photo's file lives. Only ever built from a validated id; fanned out by two hex digits. */
export function photoFilePath(uploadsDir: string, id: string, size: PhotoSize): string {
  if (!isPhotoId(id)) throw new Error(`not a photo id: ${JSON.stringify(id)}`);
  return path.join(uploadsDir, 'photos', id.slice(0, 2), size === 'thumb' ? `${id}.thumb.jpg` : `${id}.jpg`);
}

/**
 * Writes both files, then the document. Files first: a crash in between leaves an orphan file,
 * never a document pointing at nothing.
 */
export async function storePhoto(
  database: Database,
  uploadsDir: string,
  processed: Extract<ProcessedPhoto, { ok: true }>,
  owner: { ownerId: string; ownerRole: Role; now: Date },
): Promise<Photo> {
  const id = randomBytes(16).toString('hex');
  const fullPath = photoFilePath(uploadsDir, id, 'full');
  const thumbPath = photoFilePath(uploadsDir, id, 'thumb');
  await mkdir(path.dirname(fullPath), { recursive: true });
  const photo: Photo = {
    id,
    ownerId: owner.ownerId,
    ownerRole: owner.ownerRole,
    bytes: processed.image.length,
    width: processed.width,
    height: processed.height,
    createdAt: owner.now,
    caseId: null,
    pollId: null,
  };
  try {
    await writeFile(fullPath, processed.image, { flag: 'wx' });
    await writeFile(thumbPath, processed.thumbnail, { flag: 'wx' });
    const { id: _, ...stored } = photo;
    await database.models.Photo.create({ _id: id, ...stored });
  } catch (error) {
    await Promise.all([unlink(fullPath).catch(() => undefined), unlink(thumbPath).catch(() => undefined)]);
    throw error;
  }
  return photo;
}

/** Reads a photo's document by id; undefined for unknown or malformed ids. */
export async function findPhoto(database: Database, id: string): Promise<Photo | undefined> {
  if (!isPhotoId(id)) return undefined;
  const doc = await database.models.Photo.findById(id).lean();
  if (!doc) return undefined;
  return {
    id: doc._id,
    ownerId: doc.ownerId,
    ownerRole: doc.ownerRole,
    bytes: doc.bytes,
    width: doc.width,
    height: doc.height,
    createdAt: doc.createdAt,
    caseId: doc.caseId ?? null,
    pollId: doc.pollId ?? null,
  };
}

/**
 * Who may see a photo: the privacy policy decides (`maySeePhoto` in shared/policies/privacy.ts).
 * A photo a case shows needs that case: its parties see every photo of it, everyone else only
 * the photos a centre approved for the public.
 */
export function canViewPhoto(photo: Pick<Photo, 'id' | 'ownerId' | 'caseId'> & Partial<Pick<Photo, 'pollId'>>, viewer: Viewer, record?: CaseRecord): boolean {
  return maySeePhoto(photo, viewer, record ? { case: record } : {});
}

export type AttachResult = { ok: true } | { ok: false; missing: string[] };

/** The field that names a photo's holder, its value, and the other holder's field (which must stay empty). */
function holderFields(holder: PhotoHolderRef) {
  return 'caseId' in holder ? ({ field: 'caseId', id: holder.caseId, other: 'pollId' } as const) : ({ field: 'pollId', id: holder.pollId, other: 'caseId' } as const);
}

/**
 * Marks the owner's photos as shown by a case (or a poll). Every id must exist, belong to
 * `ownerId` and be either free or already this very holder's (so a retried filing succeeds);
 * otherwise nothing changes and the offending ids come back as `missing`. No transaction (FerretDB
 * has none): one filtered updateMany, then a read-back that catches a concurrent claim taking the
 * same photo, in which case the photos this call took are released again.
 */
export async function attachPhotos(database: Database, photoIds: readonly string[], target: { ownerId: string } & PhotoHolderRef): Promise<AttachResult> {
  const ids = [...new Set(photoIds)];
  if (ids.length === 0) return { ok: true };
  const { Photo } = database.models;
  const { field, id: holderId, other } = holderFields(target);
  const wellFormed = ids.filter(isPhotoId);
  const usable = await Photo.find({ _id: { $in: wellFormed }, ownerId: target.ownerId, [field]: { $in: [null, holderId] }, [other]: null }, { _id: 1, [field]: 1 }).lean();
  const usableIds = new Set(usable.map((doc) => doc._id));
  const missing = ids.filter((id) => !usableIds.has(id));
  if (missing.length > 0) return { ok: false, missing };

  const free = usable.filter((doc) => doc[field] === null || doc[field] === undefined).map((doc) => doc._id);
  if (free.length === 0) return { ok: true };
  await Photo.updateMany({ _id: { $in: free }, ownerId: target.ownerId, [field]: null, [other]: null }, { $set: { [field]: holderId } });

  const attached = await Photo.find({ _id: { $in: ids }, [field]: holderId }, { _id: 1 }).lean();
  const attachedIds = new Set(attached.map((doc) => doc._id));
  const lost = ids.filter((id) => !attachedIds.has(id));
  if (lost.length === 0) return { ok: true };
  await Photo.updateMany({ _id: { $in: free.filter((id) => attachedIds.has(id)) }, [field]: holderId }, { $set: { [field]: null } });
  return { ok: false, missing: lost };
}

/** Frees the photos `holder` holds (others' are left alone): a claim undone, or photos a draft dropped. */
export async function releasePhotos(database: Database, photoIds: readonly string[], holder: PhotoHolderRef): Promise<void> {
  const { field, id } = holderFields(holder);
  await database.models.Photo.updateMany({ _id: { $in: [...photoIds] }, [field]: id }, { $set: { [field]: null } });
}

/** The photo library of the use cases: sharp for the bytes, files under `uploadsDir`, the photo collection. */
export function photoLibrary(database: Database, uploadsDir: string): PhotoLibrary {
  return {
    heicSupported,
    async store(bytes, owner) {
      const processed = await processPhoto(bytes);
      if (!processed.ok) return processed;
      return { ok: true, photo: await storePhoto(database, uploadsDir, processed, owner) };
    },
    find: (id) => findPhoto(database, id),
    filePath: (id, size) => photoFilePath(uploadsDir, id, size),
  };
}
