import type { Middleware } from 'koa';
import { AppError } from '../errors';

/** Content types that carry structured data, never the bytes of a file. */
const structuredTypes = ['json', 'urlencoded', 'multipart'];

/**
 * Decides, before any body is read, whether a request body is acceptable: JSON on every route but
 * those reading raw bytes, and anything but a structured body (JSON, form, multipart) on those.
 * Refusals are immediate 415s: without them the JSON parser would skip a non-JSON body and a
 * request with only optional fields would succeed with its content silently dropped, and a raw
 * route sent JSON would wait for bytes the parser had already consumed, holding the socket forever.
 */
export function jsonBodiesOnly(rawBodyPaths: readonly string[]): Middleware {
  return async (ctx, next) => {
    const hasBody = (ctx.request.length ?? 0) > 0 || ctx.get('transfer-encoding') !== '';
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(ctx.method)) {
      if (!rawBodyPaths.includes(ctx.path)) {
        if (!ctx.request.is('json')) throw new AppError('request.unsupported_type', '请以 JSON 格式提交（Content-Type: application/json）', 415);
      } else if (ctx.request.is(structuredTypes)) {
        // The body stays unread: closing the connection keeps Node from draining it first.
        ctx.set('Connection', 'close');
        throw new AppError('request.unsupported_type', '请直接提交文件本身（Content-Type: image/* 或 application/octet-stream），不要用 JSON 或表单', 415);
      }
    }
    await next();
  };
}

/** Runs `middleware` except on `paths`, whose handlers read the raw body themselves. */
export function exceptOn(paths: readonly string[], middleware: Middleware): Middleware {
  return (ctx, next) => (paths.includes(ctx.path) ? next() : middleware(ctx, next));
}
