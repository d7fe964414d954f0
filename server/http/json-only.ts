import type { Middleware } from 'koa';
import { AppError } from '../errors';

/**
 * Refuses a request body that is not JSON with 415, on every route but those reading raw bytes.
 * Without it the JSON parser skips such a body and a request with only optional fields would
 * succeed with its content silently dropped.
 */
export function jsonBodiesOnly(rawBodyPaths: readonly string[]): Middleware {
  return async (ctx, next) => {
    const hasBody = (ctx.request.length ?? 0) > 0 || ctx.get('transfer-encoding') !== '';
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(ctx.method) && !rawBodyPaths.includes(ctx.path) && !ctx.request.is('json')) {
      throw new AppError('request.unsupported_type', '请以 JSON 格式提交（Content-Type: application/json）', 415);
    }
    await next();
  };
}
