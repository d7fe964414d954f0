import type Router from '@koa/router';
import { publishCatalogSchema, catalogVersionParamSchema } from '../../../shared/schemas/catalog';
import { requireRole } from '../../http/auth';
import { errors } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';

/** The management service list: read by everyone, published as a new version by admins. */
export function catalogRoutes(router: Router, deps: AppDeps): void {
  const { catalog: catalogs } = deps.useCases;
  router.get('/api/v1/catalog', async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = await catalogs.latest();
  });

  router.get('/api/v1/catalog/versions/:version', async (ctx) => {
    const { version } = parseInput(catalogVersionParamSchema, ctx.params);
    const catalog = await catalogs.version(version);
    if (!catalog) throw errors.notFound('该版本的分类目录');
    ctx.set('Cache-Control', 'public, max-age=86400, immutable');
    ctx.body = catalog;
  });

  router.post('/api/v1/catalog', async (ctx) => {
    const actor = requireRole(ctx, ['admin']);
    const input = parseInput(publishCatalogSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = await catalogs.publish(actor, input);
  });
}
