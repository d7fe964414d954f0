import { validateCatalog } from '../../shared/catalog/catalog';
import type { Catalog, Category } from '../../shared/catalog/types';
import type { Actor } from '../../shared/domain/roles';
import { AppError, errors } from '../errors';
import type { CatalogCommandDeps } from './ports';

export type { CatalogCommandDeps, CatalogStore } from './ports';

/**
 * Publishes an administrator's edit of the service list as the next version. The edit must be
 * based on the latest version (else 409, so two editors cannot overwrite each other) and pass
 * the catalog's own checks (else 422 with the list of problems). Earlier versions stay as they
 * are: cases keep the version they were filed under.
 */
export async function publishCatalog(deps: CatalogCommandDeps, actor: Actor, input: { basedOn: number; categories: Category[] }): Promise<Catalog> {
  const now = deps.now();
  const latest = await deps.reference.latestCatalog(now.getTime(), { fresh: true });
  if (input.basedOn !== latest.version) {
    throw errors.conflict('catalog.stale', `目录已更新到第 ${latest.version} 版，请在最新版本上修改`, { latestVersion: latest.version });
  }
  const catalog: Catalog = { version: latest.version + 1, publishedAt: now.toISOString(), categories: input.categories };
  const problems = validateCatalog(catalog);
  if (problems.length > 0) throw new AppError('catalog.invalid', '目录内容有误', 422, { problems });
  await deps.catalogs.insert(catalog, actor.id);
  deps.reference.noteCatalogPublished(catalog);
  return catalog;
}
