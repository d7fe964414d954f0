import type Router from '@koa/router';
import { devLoginSchema, passwordLoginSchema } from '../../../shared/schemas/auth';
import { roleLabels } from '../../../shared/domain/roles';
import { verifyPassword } from '../../auth/password';
import { actorOfAccount, findAccountByLoginKey, type AccountView } from '../../auth/accounts';
import { signAccessToken } from '../../auth/tokens';
import { actorOf, identityErrors } from '../../http/auth';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';

/** Staff sign-in, the development sign-in for demo accounts, and "who am I". */
export function authRoutes(router: Router, deps: AppDeps): void {
  router.post('/api/v1/auth/login', async (ctx) => {
    const input = parseInput(passwordLoginSchema, ctx.request.body);
    const account = await findAccountByLoginKey(deps.database, `pw:${input.username}`);
    // One answer for unknown user and wrong password: no probing which usernames exist.
    const valid = account?.passwordHash ? await verifyPassword(input.password, account.passwordHash) : false;
    // Demo accounts' password is in the README: in production they cannot sign in at all.
    if (!account || !valid || (account.demo && deps.config.production)) throw new AppError('auth.bad_credentials', '用户名或密码错误', 401);
    ctx.body = session(account, deps);
  });

  router.post('/api/v1/auth/dev-login', async (ctx) => {
    if (deps.config.production) throw new AppError('route.not_found', '请求的接口不存在', 404);
    const input = parseInput(devLoginSchema, ctx.request.body);
    const account = await findAccountByLoginKey(deps.database, `pw:${input.username}`);
    if (!account?.demo) throw new AppError('auth.not_demo_account', '只有演示账号可以免密登录', 403);
    ctx.body = session(account, deps);
  });

  router.get('/api/v1/auth/me', async (ctx) => {
    const actor = actorOf(ctx);
    // Read from the account on this request (see authenticate), never from the token.
    ctx.body = { id: actor.id, role: actor.role, roleLabel: actor.role === 'system' ? '系统' : roleLabels[actor.role], name: actor.name, scope: actor.scope };
  });
}

/**
 * The token and the account it stands for, as every sign-in answers. The token names the account
 * and its credential generation only; role and scope below are for display and re-read per request.
 */
export function session(account: AccountView, deps: Pick<AppDeps, 'config'>) {
  if (account.disabled) throw identityErrors.disabled();
  const actor = actorOfAccount(account);
  if (!actor) throw identityErrors.incomplete();
  return {
    token: signAccessToken({ accountId: account.id, kind: account.kind, generation: account.credentialGeneration }, deps.config.jwt),
    expiresIn: deps.config.jwt.ttlSeconds,
    account: { id: actor.id, role: account.role, roleLabel: roleLabels[account.role], name: actor.name, scope: actor.scope },
  };
}
