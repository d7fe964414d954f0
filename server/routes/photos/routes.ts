import { open } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { roles } from '../../../shared/domain/roles';
import type { StoredPhoto } from '../../commands/ports';
import { optionalActorOf, requireRole } from '../../http/auth';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';

export const downloadQuery = z.object({ size: z.enum(['thumb'], { error: '尺寸只能是 thumb' }).optional() });

/** Case photos: upload by any signed-in account, download by those `canViewPhoto` allows. */
export function photoRoutes(router: Router, deps: AppDeps): void {
  router.post('/api/v1/photos', async (ctx) => {
    const actor = requireRole(ctx, roles);
    const body = await readBody(ctx, deps.config.uploads.maxBytes);
    const photo = await deps.useCases.photos.upload(actor, body);
    ctx.status = 201;
    ctx.body = present(photo);
  });

  router.get('/api/v1/photos/:id', async (ctx) => {
    const { size } = parseInput(downloadQuery, ctx.query);
    const { filePath } = await deps.useCases.photos.forViewer(optionalActorOf(ctx), ctx.params.id ?? '', size ?? 'full');
    // Opened before answering, so a missing file is a logged 500 rather than a cut-off 200.
    const file = await open(filePath);
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

function present(photo: StoredPhoto) {
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
