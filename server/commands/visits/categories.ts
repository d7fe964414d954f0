import type { Actor } from '../../../shared/domain/roles';
import type { VisitCategoryConfig } from '../../../shared/visits/types';
import { errors } from '../../errors';
import type { VisitCategorySource, VisitCategoryVersions, VisitCategoryVersionSummary, VisitStore } from '../ports';

export interface VisitCategoryAdminDeps {
  versions: VisitCategoryVersions;
  source: VisitCategorySource;
  visits: VisitStore;
  now: () => Date;
}

/** An administrator's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw errors.forbidden('visit.forbidden', '只有区级管理员可以管理走访类别');
}

/** The list in force and the published versions, newest first. */
export async function visitCategoryAdminView(deps: VisitCategoryAdminDeps, actor: Actor): Promise<{ current: VisitCategoryConfig; history: VisitCategoryVersionSummary[] }> {
  requireAdmin(actor);
  await deps.source.refresh();
  return { current: deps.source.current(), history: await deps.versions.history(50) };
}

/**
 * Publishes a new version of the category list (already checked against visitCategoryConfigSchema).
 * Its version must be the one in force plus one (else 409 visit.categories_stale), it starts at its
 * publication (a later effectiveFrom is 422 visit.categories_future), and a category
 * that still has active people may not be dropped (409 visit.categories_in_use, codes listed):
 * archive or move them first. Nothing is overwritten; the unique index on version settles two
 * publishers racing for the same number.
 */
export async function publishVisitCategories(deps: VisitCategoryAdminDeps, actor: Actor, config: VisitCategoryConfig): Promise<VisitCategoryConfig> {
  requireAdmin(actor);
  await deps.source.refresh();
  const current = deps.source.current();
  const stale = () => errors.conflict('visit.categories_stale', `走访类别已更新到第 ${deps.source.current().version} 版，新版本号须为 ${deps.source.current().version + 1}`, { currentVersion: deps.source.current().version });
  if (config.version !== current.version + 1) throw stale();
  // A list is in force from its publication: a later start would be silently ignored, so it is refused.
  if (Date.parse(config.effectiveFrom) > deps.now().getTime() + CLOCK_SKEW_MS) {
    throw errors.unprocessable('visit.categories_future', '新版走访类别自发布起生效，生效时间不能晚于现在', { fields: { effectiveFrom: ['生效时间不能晚于现在：新版本自发布起生效'] } });
  }
  const kept = new Set(config.categories.map((c) => c.code));
  const dropped = current.categories.map((c) => c.code).filter((code) => !kept.has(code));
  const inUse = dropped.length ? await deps.visits.activeCategoryCodes(dropped) : [];
  if (inUse.length) throw errors.conflict('visit.categories_in_use', `以下类别仍有在册人员，不能删除：${inUse.join('、')}`, { codes: inUse });
  if ((await deps.versions.insert(config, actor.id, deps.now())) === 'duplicate') {
    await deps.source.refresh();
    throw stale();
  }
  await deps.source.refresh();
  return config;
}
