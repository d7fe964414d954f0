import type Router from '@koa/router';
import {
  accountIdParamSchema,
  accountPageSchema,
  accountViewSchema,
  changeAssignmentSchema,
  createAccountSchema,
  disableAccountSchema,
  listAccountsQuerySchema,
  resetPasswordSchema,
} from '../../../shared/api/accounts';
import {
  changeAssignment,
  createAccount,
  disableAccount,
  enableAccount,
  getAccount,
  listAccounts,
  resetPassword,
  type AccountCommandDeps,
} from '../../commands/accounts';
import { actorOf } from '../../http/auth';
import { parseInput } from '../../http/validate';
import { describe } from '../../openapi/describe';
import { presentAccount } from '../../presenters/account';

const managers =
  '区系统管理员（admin）管理全部账号；街镇中心调度员管理本街镇的网格员、网格长、社区居委会和街镇职能部门账号，看不到其他街镇的账号（404）。不能通过此接口修改自己的账号（403 account.self_change）。';
const idParams = { schema: accountIdParamSchema, descriptions: { id: '账号编号' } };
const withTrail = (description: string) => ({ 200: { description, schema: accountViewSchema } });

/**
 * Account administration: the district's admin manages every account, a street centre's
 * dispatcher those of its street (see server/commands/accounts.ts). Every change answers the
 * account as it now is, with its audit trail.
 */
export function accountRoutes(router: Router, commands: AccountCommandDeps): void {
  describe(router, {
    method: 'get',
    path: '/api/v1/accounts',
    operationId: 'listAccounts',
    summary: '账号列表（账号管理）',
    description: `${managers} 新建的在前；不返回密码。`,
    tag: '账号',
    access: 'signed_in',
    request: { query: { schema: listAccountsQuerySchema, descriptions: { role: '按角色筛选', streetCode: '按街镇筛选（街镇调度员只能是本街镇）', cursor: '翻页标记：上一页返回的 nextCursor', limit: '每页条数' } } },
    responses: { 200: { description: '一页账号', schema: accountPageSchema } },
    errors: [400, 403],
  });
  router.get('/api/v1/accounts', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(listAccountsQuerySchema, ctx.query);
    const page = await listAccounts(commands, actor, query);
    ctx.body = { items: page.items.map((account) => presentAccount(account)), nextCursor: page.nextCursor };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/accounts',
    operationId: 'createAccount',
    summary: '新建工作人员账号',
    description: `${managers} 辖区编码须存在且类型相符（字段错误 400）；网格所属街镇、居委会的小区由系统按区划数据填写。用户名已被使用时 409（account.username_taken）。`,
    tag: '账号',
    access: 'signed_in',
    request: { json: { schema: createAccountSchema, required: true } },
    responses: { 201: { description: '新账号（含变更记录 audit）', schema: accountViewSchema } },
    errors: [400, 403, 409],
  });
  router.post('/api/v1/accounts', async (ctx) => {
    const actor = actorOf(ctx);
    const input = parseInput(createAccountSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = presentAccount(await createAccount(commands, actor, input), { withAudit: true });
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/accounts/:id',
    operationId: 'getAccount',
    summary: '账号详情与变更记录',
    description: managers,
    tag: '账号',
    access: 'signed_in',
    request: { params: idParams },
    responses: withTrail('账号与变更记录 audit（谁、何时、由何改为何）'),
    errors: [400, 403, 404],
  });
  router.get('/api/v1/accounts/:id', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    ctx.body = presentAccount(await getAccount(commands, actor, id), { withAudit: true });
  });

  describe(router, {
    method: 'put',
    path: '/api/v1/accounts/:id/assignment',
    operationId: 'changeAccountAssignment',
    summary: '调整角色与辖区',
    description: `${managers} 下一次请求起生效。居民账号不能改为工作人员（422 account.resident_fixed）。`,
    tag: '账号',
    access: 'signed_in',
    request: { params: idParams, json: { schema: changeAssignmentSchema, required: true } },
    responses: withTrail('调整后的账号与变更记录'),
    errors: [400, 403, 404, 409, 422],
  });
  router.put('/api/v1/accounts/:id/assignment', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    const input = parseInput(changeAssignmentSchema, ctx.request.body);
    ctx.body = presentAccount(await changeAssignment(commands, actor, id, input), { withAudit: true });
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/accounts/:id/disable',
    operationId: 'disableAccount',
    summary: '停用账号',
    description: `${managers} 下一次请求起拒绝（401 auth.account_disabled）；重新启用后须重新登录。`,
    tag: '账号',
    access: 'signed_in',
    request: { params: idParams, json: { schema: disableAccountSchema, required: true } },
    responses: withTrail('停用后的账号与变更记录'),
    errors: [400, 403, 404, 409],
  });
  router.post('/api/v1/accounts/:id/disable', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    const { reason } = parseInput(disableAccountSchema, ctx.request.body);
    ctx.body = presentAccount(await disableAccount(commands, actor, id, reason), { withAudit: true });
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/accounts/:id/enable',
    operationId: 'enableAccount',
    summary: '启用账号',
    description: managers,
    tag: '账号',
    access: 'signed_in',
    request: { params: idParams },
    responses: withTrail('启用后的账号与变更记录'),
    errors: [400, 403, 404, 409],
  });
  router.post('/api/v1/accounts/:id/enable', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    ctx.body = presentAccount(await enableAccount(commands, actor, id), { withAudit: true });
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/accounts/:id/password',
    operationId: 'resetAccountPassword',
    summary: '重置密码',
    description: `${managers} 此前签发的登录凭证全部失效（401 auth.session_revoked）。`,
    tag: '账号',
    access: 'signed_in',
    request: { params: idParams, json: { schema: resetPasswordSchema, required: true } },
    responses: withTrail('账号与变更记录（不含密码）'),
    errors: [400, 403, 404, 409, 422],
  });
  router.post('/api/v1/accounts/:id/password', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(accountIdParamSchema, ctx.params);
    const { password } = parseInput(resetPasswordSchema, ctx.request.body);
    ctx.body = presentAccount(await resetPassword(commands, actor, id, password), { withAudit: true });
  });
}
