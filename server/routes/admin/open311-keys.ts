import type Router from '@koa/router';
import { issuedOpen311KeySchema, issueOpen311KeySchema, open311KeyIdParamSchema, open311KeyListSchema, open311KeyViewSchema } from '../../../shared/api/open311';
import { describe } from '../../openapi/describe';
import { actorOf } from '../../http/auth';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';

/** Open311 API keys for system administrators: issue (shown once), list, revoke. */
export function adminOpen311KeyRoutes(router: Router, deps: AppDeps): void {
  const { open311 } = deps.useCases;

  describe(router, {
    method: 'post',
    path: '/api/v1/admin/open311-keys',
    operationId: 'issueOpen311Key',
    summary: '签发 Open311 接口密钥（系统管理员）',
    description:
      '为一个对接系统签发 Open311 GeoReport v2（/open311/v2）的提交密钥。完整密钥只在本次回答中出现一次，服务端只保存其摘要。' +
      '仅系统管理员可用（其他身份 403 open311.keys_forbidden）。',
    tag: '开放接口',
    access: 'signed_in',
    request: { json: { schema: issueOpen311KeySchema, required: true } },
    responses: { 201: { description: '新密钥，含完整密钥（仅此一次）', schema: issuedOpen311KeySchema } },
    errors: [403],
  });
  router.post('/api/v1/admin/open311-keys', async (ctx) => {
    const actor = actorOf(ctx);
    const { name } = parseInput(issueOpen311KeySchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = await open311.issueKey(actor, name);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/admin/open311-keys',
    operationId: 'listOpen311Keys',
    summary: 'Open311 接口密钥列表（系统管理员）',
    description: '全部已签发的密钥，新签发的在前；不含密钥本身。仅系统管理员可用（其他身份 403 open311.keys_forbidden）。',
    tag: '开放接口',
    access: 'signed_in',
    responses: { 200: { description: '密钥列表', schema: open311KeyListSchema } },
    errors: [403],
  });
  router.get('/api/v1/admin/open311-keys', async (ctx) => {
    const actor = actorOf(ctx);
    ctx.body = { items: await open311.listKeys(actor) };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/admin/open311-keys/:id/revoke',
    operationId: 'revokeOpen311Key',
    summary: '吊销 Open311 接口密钥（系统管理员）',
    description: '吊销后该密钥的提交一律 403；已提交的案件不受影响。密钥不存在 404（open311.key_not_found）；已吊销 409（open311.key_already_revoked）。',
    tag: '开放接口',
    access: 'signed_in',
    request: { params: { schema: open311KeyIdParamSchema, descriptions: { id: '密钥编号' } } },
    responses: { 200: { description: '吊销后的密钥', schema: open311KeyViewSchema } },
    errors: [403, 404, 409],
  });
  router.post('/api/v1/admin/open311-keys/:id/revoke', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(open311KeyIdParamSchema, ctx.params);
    ctx.body = await open311.revokeKey(actor, id);
  });
}
