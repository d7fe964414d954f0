import type Router from '@koa/router';
import { z } from 'zod';
import { categorySchema } from '../../../shared/catalog/schema';
import { validateCatalog } from '../../../shared/catalog/catalog';
import type { Catalog } from '../../../shared/catalog/types';
import { requireRole } from '../../http/auth';
import { AppError, errors } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';

export const publishSchema = z.strictObject({
  /** The version the editor started from: publishing over a newer version is refused (409). */
  basedOn: z.number().int().min(1),
  categories: z.array(categorySchema).min(1).max(30),
});

export const versionParam = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000) });

/** The management service list: read by everyone, published as a new version by admins. */
export function catalogRoutes(router: Router, deps: AppDeps): void {
  router.get('/api/v1/catalog', async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = await deps.reference.latestCatalog(deps.now().getTime());
  });

  router.get('/api/v1/catalog/versions/:version', async (ctx) => {
    const { version } = parseInput(versionParam, ctx.params);
    const catalog = await deps.reference.catalog(version);
    if (!catalog) throw errors.notFound('该版本的分类目录');
    ctx.set('Cache-Control', 'public, max-age=86400, immutable');
    ctx.body = catalog;
  });

  router.post('/api/v1/catalog', async (ctx) => {
    const actor = requireRole(ctx, ['admin']);
    const input = parseInput(publishSchema, ctx.request.body);
    const latest = await deps.reference.latestCatalog(deps.now().getTime(), { fresh: true });
    if (input.basedOn !== latest.version) {
      throw errors.conflict('catalog.stale', `目录已更新到第 ${latest.version} 版，请在最新版本上修改`, { latestVersion: latest.version });
    }
    const now = deps.now();
    const catalog: Catalog = { version: latest.version + 1, publishedAt: now.toISOString(), categories: input.categories };
    const problems = validateCatalog(catalog);
    if (problems.length > 0) throw new AppError('catalog.invalid', '目录内容有误', 422, { problems });
    // The unique index on version makes a concurrent publish of the same number fail with 11000 → 409.
    await deps.database.models.CatalogVersion.create({ version: catalog.version, publishedAt: now, publishedBy: actor.id, categories: catalog.categories });
    deps.reference.noteCatalogPublished(catalog);
    ctx.status = 201;
    ctx.body = catalog;
  });
}
