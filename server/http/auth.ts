import type { Context, Middleware } from 'koa';
import type { Actor, ActorOf, Role } from '../../shared/domain/roles';
import type { IdentityPort } from '../commands/ports';
import { verifyAccessToken, type TokenConfig } from '../auth/tokens';
import { AppError, errors } from './errors';

export interface AuthState {
  actor?: Actor;
}

/** The refusals of a well-signed token whose account no longer stands behind it. */
export const identityErrors = {
  unknown: () => new AppError('auth.account_unknown', '账号不存在，请重新登录', 401),
  // 401, not 403: the client drops the token and shows the sign-in page, which explains the rest.
  disabled: () => new AppError('auth.account_disabled', '该账号已停用，请联系管理员', 401),
  revoked: () => new AppError('auth.session_revoked', '密码已重置或账号状态已变更，请重新登录', 401),
  incomplete: () => new AppError('auth.account_incomplete', '账号的角色或辖区尚未配置完整，请联系管理员', 403),
};

/**
 * Reads `Authorization: Bearer …` when present. A missing token leaves the request anonymous
 * (public views exist); a bad or expired one is refused outright so a client notices at once.
 * The token names the account only: its role and scope are read from the account (cached for
 * seconds), so a disabled account, a new role or a move to another grid counts on the next request.
 */
export function authenticate(config: TokenConfig, identities: IdentityPort): Middleware {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    if (header) {
      const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
      if (!match) throw new AppError('auth.malformed', '登录凭证格式不正确', 401);
      (ctx.state as AuthState).actor = await actorForToken(match[1]!, config, identities);
    }
    await next();
  };
}

/**
 * The actor a token stands for now, or an `AppError` (401, or 403 for an incomplete account).
 * Shared by every request and by the live channel, which asks again on each subscribe.
 */
export async function actorForToken(token: string, config: TokenConfig, identities: IdentityPort): Promise<Actor> {
  const check = verifyAccessToken(token, config);
  if (!check.ok) {
    throw check.reason === 'expired' ? new AppError('auth.expired', '登录已过期，请重新登录', 401) : new AppError('auth.invalid', '登录凭证无效，请重新登录', 401);
  }
  const current = await identities.identityOf(check.identity.accountId);
  if (!current || current.kind !== check.identity.kind) throw identityErrors.unknown();
  if (current.disabled) throw identityErrors.disabled();
  if (current.credentialGeneration !== check.identity.generation) throw identityErrors.revoked();
  if (!current.actor) throw identityErrors.incomplete();
  return current.actor;
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
export function requireRole<R extends Role>(ctx: Context, allowed: readonly R[]): ActorOf<R> {
  const actor = actorOf(ctx);
  if (!(allowed as readonly string[]).includes(actor.role)) throw errors.forbidden('auth.role_not_allowed', '当前身份无权执行此操作');
  return actor as ActorOf<R>;
}
