import type Router from '@koa/router';
import { devLoginSchema, passwordLoginSchema } from '../../../shared/schemas/auth';
import { roleLabels } from '../../../shared/domain/roles';
import { verifyPassword } from '../../auth/password';
import { actorOfAccount, type AccountView } from '../../auth/accounts';
import { signAccessToken } from '../../auth/tokens';
import { actorOf, identityErrors } from '../../http/auth';
import { AppError } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { describe } from '../../openapi/describe';
import { meSchema, sessionSchema, type Me, type Session } from '../../../shared/api/auth';

/** Staff sign-in, the development sign-in for demo accounts, and "who am I". */
export function authRoutes(router: Router, deps: AppDeps): void {
  describe(router, {
    method: 'post',
    path: '/api/v1/auth/login',
    operationId: 'passwordLogin',
    summary: '工作人员账号密码登录',
    description: '用户名不存在与密码错误给出同一回答（401），不透露账号是否存在。',
    tag: '登录',
    access: 'public',
    request: { json: { schema: passwordLoginSchema, required: true } },
    responses: { 200: { description: '登录凭证与账号信息', schema: sessionSchema } },
    errors: [403],
  });
  router.post('/api/v1/auth/login', async (ctx) => {
    const input = parseInput(passwordLoginSchema, ctx.request.body);
    const account = await deps.useCases.accounts.findByLoginKey(`pw:${input.username}`);
    // One answer for unknown user and wrong password: no probing which usernames exist.
    const valid = account?.passwordHash ? await verifyPassword(input.password, account.passwordHash) : false;
    // Demo accounts' password is in the README: in production they cannot sign in at all.
    if (!account || !valid || (account.demo && deps.config.production)) throw new AppError('auth.bad_credentials', '用户名或密码错误', 401);
    ctx.body = session(account, deps);
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/auth/dev-login',
    operationId: 'devLogin',
    summary: '演示账号免密登录（仅开发环境）',
    description: '生产环境下此接口回答 404；只有演示账号可用，其他用户名回答 403。',
    tag: '登录',
    access: 'public',
    request: { json: { schema: devLoginSchema, required: true } },
    responses: { 200: { description: '登录凭证与账号信息', schema: sessionSchema } },
    errors: [403, 404],
  });
  router.post('/api/v1/auth/dev-login', async (ctx) => {
    if (deps.config.production) throw new AppError('route.not_found', '请求的接口不存在', 404);
    const input = parseInput(devLoginSchema, ctx.request.body);
    const account = await deps.useCases.accounts.findByLoginKey(`pw:${input.username}`);
    if (!account?.demo) throw new AppError('auth.not_demo_account', '只有演示账号可以免密登录', 403);
    ctx.body = session(account, deps);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/auth/me',
    operationId: 'me',
    summary: '当前登录身份',
    tag: '登录',
    access: 'signed_in',
    responses: { 200: { description: '当前身份', schema: meSchema } },
    errors: [],
  });
  router.get('/api/v1/auth/me', async (ctx) => {
    const actor = actorOf(ctx);
    // Read from the account on this request (see authenticate), never from the token.
    ctx.body = { id: actor.id, role: actor.role, roleLabel: actor.role === 'system' ? '系统' : roleLabels[actor.role], name: actor.name, scope: actor.scope } satisfies Me;
  });
}

/**
 * The token and the account it stands for, as every sign-in answers. The token names the account
 * and its credential generation only; role and scope below are for display and re-read per request.
 */
export function session(account: AccountView, deps: Pick<AppDeps, 'config'>): Session {
  if (account.disabled) throw identityErrors.disabled();
  const actor = actorOfAccount(account);
  if (!actor) throw identityErrors.incomplete();
  return {
    token: signAccessToken({ accountId: account.id, kind: account.kind, generation: account.credentialGeneration }, deps.config.jwt),
    expiresIn: deps.config.jwt.ttlSeconds,
    account: { id: actor.id, role: account.role, roleLabel: roleLabels[account.role], name: actor.name, scope: actor.scope },
  };
}
