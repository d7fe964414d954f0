import { open } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { roles } from '../../../shared/domain/roles';
import { canViewPhoto, findPhoto, heicSupported, photoFilePath, processPhoto, storePhoto, type Photo } from '../../photos/photos';
import { loadCase } from '../../commands/cases';
import { optionalActorOf, requireRole } from '../../http/auth';
import { caseCommandDeps } from '../../wiring';
import { AppError, errors } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';

export const downloadQuery = z.object({ size: z.enum(['thumb'], { error: '尺寸只能是 thumb' }).optional() });

const refusals = {
  unsupported_type: () => new AppError('photo.unsupported_type', `只支持 ${heicSupported ? 'JPEG、PNG、WebP、HEIC' : 'JPEG、PNG、WebP'} 格式的照片`, 415),
  too_many_pixels: () => new AppError('photo.too_many_pixels', '照片像素过多（上限约 4000 万像素），请缩小后再上传', 422),
  unreadable: () => new AppError('photo.unreadable', '照片已损坏，无法读取', 422),
};

/** Case photos: upload by any signed-in account, download by those `canViewPhoto` allows. */
export function photoRoutes(router: Router, deps: AppDeps): void {
  const cases = caseCommandDeps(deps.database, deps.reference, deps.now);
  router.post('/api/v1/photos', async (ctx) => {
    const actor = requireRole(ctx, roles);
    const body = await readBody(ctx, deps.config.uploads.maxBytes);
    if (body.length === 0) throw new AppError('photo.empty', '没有收到照片内容', 400);
    const processed = await processPhoto(body);
    if (!processed.ok) throw refusals[processed.problem]();
    // requireRole never admits the system actor, so the role is an account's.
    const ownerRole = actor.role as Photo['ownerRole'];
    const photo = await storePhoto(deps.database, deps.config.uploads.dir, processed, { ownerId: actor.id, ownerRole, now: deps.now() });
    ctx.status = 201;
    ctx.body = present(photo);
  });

  router.get('/api/v1/photos/:id', async (ctx) => {
    const { size } = parseInput(downloadQuery, ctx.query);
    const photo = await findPhoto(deps.database, ctx.params.id ?? '');
    if (!photo) throw errors.notFound('照片');
    const actor = optionalActorOf(ctx);
    // A case's photo is shown as the privacy policy shows that case's fields.
    const record = photo.caseId ? await loadCase(cases, photo.caseId).catch(() => undefined) : undefined;
    if (!canViewPhoto(photo, { actor }, record)) throw actor ? errors.forbidden('photo.not_allowed', '无权查看这张照片') : errors.unauthenticated('请先登录后查看这张照片');
    // Opened before answering, so a missing file is a logged 500 rather than a cut-off 200.
    const file = await open(photoFilePath(deps.config.uploads.dir, photo.id, size ?? 'full'));
    const { size: length } = await file.stat().catch(async (error: unknown) => {
      await file.close();
      throw error;
    });
    ctx.type = 'image/jpeg';
    ctx.length = length;
    // Private: a photo may stop being visible to someone; shared caches must not keep it.
    ctx.set('Cache-Control', 'private, max-age=86400');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = file.createReadStream();
  });
}

function present(photo: Photo) {
  const url = `/api/v1/photos/${photo.id}`;
  return { id: photo.id, width: photo.width, height: photo.height, bytes: photo.bytes, url, thumbnailUrl: `${url}?size=thumb` };
}

/**
 * The raw request body, refused with 413 as soon as it passes `maxBytes`: a declared length is
 * checked before reading anything, a chunked body while it streams, so no more than the limit is
 * ever held. The JSON body parser leaves non-JSON bodies unread for us.
 */
function readBody(ctx: Context, maxBytes: number): Promise<Buffer> {
  const req: IncomingMessage = ctx.req;
  const tooLarge = () => {
    // The rest of the body stays unread; closing the connection keeps it from being drained.
    ctx.set('Connection', 'close');
    return new AppError('photo.too_large', `照片不能超过 ${Math.floor(maxBytes / 1024 / 1024)} MB`, 413, { maxBytes });
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge());

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        stop();
        req.pause();
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, total));
    };
    const onAbort = () => {
      stop();
      reject(new AppError('photo.upload_interrupted', '上传中断，请重试', 400));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}
