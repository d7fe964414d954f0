import type Router from '@koa/router';
import { publishCatalogSchema, catalogVersionParamSchema } from '../../../shared/schemas/catalog';
import { publishCatalog } from '../../commands/catalog';
import { requireRole } from '../../http/auth';
import { errors } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { catalogCommandDeps } from '../../wiring';
import { describe } from '../../openapi/describe';
import { catalogResponseSchema, type CatalogResponse } from '../../../shared/api/catalog';

/** The management service list: read by everyone, published as a new version by admins. */
export function catalogRoutes(router: Router, deps: AppDeps): void {
  describe(router, {
    method: 'get',
    path: '/api/v1/catalog',
    operationId: 'latestCatalog',
    summary: '当前生效的分类目录',
    tag: '分类目录',
    access: 'public',
    responses: { 200: { description: '最新版本的分类目录', schema: catalogResponseSchema } },
    errors: [],
  });
  router.get('/api/v1/catalog', async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = (await deps.reference.latestCatalog(deps.now().getTime())) satisfies CatalogResponse;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/catalog/versions/:version',
    operationId: 'catalogVersion',
    summary: '指定版本的分类目录',
    description: '历史版本不再变化，可长期缓存；案件按上报时的目录版本计算时限。',
    tag: '分类目录',
    access: 'public',
    request: { params: { schema: catalogVersionParamSchema, descriptions: { version: '目录版本号' } } },
    responses: { 200: { description: '该版本的分类目录', schema: catalogResponseSchema } },
    errors: [404],
  });
  router.get('/api/v1/catalog/versions/:version', async (ctx) => {
    const { version } = parseInput(catalogVersionParamSchema, ctx.params);
    const catalog = await deps.reference.catalog(version);
    if (!catalog) throw errors.notFound('该版本的分类目录');
    ctx.set('Cache-Control', 'public, max-age=86400, immutable');
    ctx.body = catalog satisfies CatalogResponse;
  });

  const commands = catalogCommandDeps(deps.database, deps.reference, deps.now);
  describe(router, {
    method: 'post',
    path: '/api/v1/catalog',
    operationId: 'publishCatalog',
    summary: '发布新版分类目录（管理员）',
    description: 'basedOn 须为当前最新版本号，否则 409（catalog.stale）；编码重复等跨字段问题 422（catalog.invalid）。',
    tag: '分类目录',
    access: 'signed_in',
    request: { json: { schema: publishCatalogSchema, required: true } },
    responses: { 201: { description: '新发布的目录', schema: catalogResponseSchema } },
    errors: [403, 409, 422],
  });
  router.post('/api/v1/catalog', async (ctx) => {
    const actor = requireRole(ctx, ['admin']);
    const input = parseInput(publishCatalogSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = (await publishCatalog(commands, actor, input)) satisfies CatalogResponse;
  });
}
