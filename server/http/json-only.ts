import type { Middleware } from 'koa';
import { AppError } from '../errors';

/** Content types that carry structured data, never the bytes of a file. */
const structuredTypes = ['json', 'urlencoded', 'multipart'];

/**
 * Refuses, before any body is read, a body that is not JSON with 415 on every route but those
 * reading raw bytes: without it the JSON parser would skip such a body and a request with only
 * optional fields would succeed with its content silently dropped. On raw routes a structured body
 * (JSON, form, multipart) is the route's to refuse; here its connection is marked to close.
 */
export function jsonBodiesOnly(rawBodyPaths: readonly string[]): Middleware {
  return async (ctx, next) => {
    const hasBody = (ctx.request.length ?? 0) > 0 || ctx.get('transfer-encoding') !== '';
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(ctx.method)) {
      if (!rawBodyPaths.includes(ctx.path)) {
        if (!ctx.request.is('json')) throw new AppError('request.unsupported_type', '请以 JSON 格式提交（Content-Type: application/json）', 415);
      } else if (ctx.request.is(structuredTypes)) {
        // The route refuses such a body at once (415) without reading it: closing the connection
        // keeps Node from draining a body that may never finish.
        ctx.set('Connection', 'close');
      }
    }
    await next();
  };
}

/** Runs `middleware` except on `paths`, whose handlers read the raw body themselves. */
export function exceptOn(paths: readonly string[], middleware: Middleware): Middleware {
  return (ctx, next) => (paths.includes(ctx.path) ? next() : middleware(ctx, next));
}
