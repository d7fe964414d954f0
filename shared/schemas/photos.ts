import { z } from 'zod';
import { photoIdPattern } from '../api/photos';

export const photoIdParamSchema = z.strictObject({ id: z.string().regex(photoIdPattern, '照片编号格式不正确') });

export const photoDownloadQuerySchema = z.object({ size: z.enum(['thumb'], { error: '尺寸只能是 thumb' }).optional() });

/** Media types a photo upload may declare; the bytes are sniffed whatever is declared. */
export const photoUploadTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/octet-stream'] as const;
