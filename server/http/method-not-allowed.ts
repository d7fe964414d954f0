import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { AppError } from '../errors';

/**
 * A method the path does not take is answered 405 with `Allow` (RFC 9110) and our error body, and
 * so is a method no route takes at all (the router alone would say 501); a path no route matches
 * stays a 404. OPTIONS is answered by the router with `Allow`.
 */
export function methodNotAllowed(router: Router): Middleware {
  const allowedMethods = router.allowedMethods();
  return async (ctx, next) => {
    // The router's middleware reads only what every Koa context has.
    await allowedMethods(ctx as Parameters<typeof allowedMethods>[0], next);
    if (ctx.status !== 405 && ctx.status !== 501) return;
    const allow = ctx.response.get('Allow');
    if (!allow) {
      ctx.remove('Allow');
      throw new AppError('route.not_found', '请求的接口不存在', 404);
    }
    throw new AppError('route.method_not_allowed', `该接口不支持 ${ctx.method} 请求，可用：${allow}`, 405, { allow: allow.split(/,\s*/) });
  };
}
