import type { Context, Middleware } from 'koa';
import type { Actor, Role } from '../../shared/domain/roles';
import { verifyAccessToken, type TokenConfig } from '../auth/tokens';
import { AppError, errors } from './errors';

export interface AuthState {
  actor?: Actor;
}

/**
 * Reads `Authorization: Bearer …` when present. A missing token leaves the request anonymous
 * (public views exist); a bad or expired one is refused outright so a client notices at once.
 */
export function authenticate(config: TokenConfig): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    if (header) {
      const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
      if (!match) throw new AppError('auth.malformed', '登录凭证格式不正确', 401);
      const check = verifyAccessToken(match[1]!, config);
      if (!check.ok) {
        throw check.reason === 'expired' ? new AppError('auth.expired', '登录已过期，请重新登录', 401) : new AppError('auth.invalid', '登录凭证无效，请重新登录', 401);
      }
      (ctx.state as AuthState).actor = check.actor;
    }
    await next();
  };
}

/** The signed-in actor, or 401. */
export function actorOf(ctx: Context): Actor {
  const actor = (ctx.state as AuthState).actor;
  if (!actor) throw errors.unauthenticated();
  return actor;
}

/** The signed-in actor if any: for endpoints with a public view. */
export function optionalActorOf(ctx: Context): Actor | undefined {
  return (ctx.state as AuthState).actor;
}

/** The signed-in actor holding one of the roles, or 401/403. */
export function requireRole(ctx: Context, allowed: readonly Role[]): Actor {
  const actor = actorOf(ctx);
  if (actor.role === 'system' || !allowed.includes(actor.role)) throw errors.forbidden('auth.role_not_allowed', '当前身份无权执行此操作');
  return actor;
}
