import type { VisitCategory, VisitCategoryConfig } from '../../shared/visits/types';
import type { VisitCategorySource, VisitCategoryVersions } from '../commands/ports';
import type { Database } from './connection';
import { isDuplicateKey } from './duplicate-key';

/** Published category lists in `visit_category_versions`, whose unique index on version refuses a second writer. */
export function mongoVisitCategoryVersions(database: Database): VisitCategoryVersions {
  const model = database.models.VisitCategoryVersion;
  return {
    async latestVersion() {
      const latest = await model.findOne({}, { version: 1 }).sort({ version: -1 }).lean();
      return latest?.version;
    },
    async find(version) {
      const stored = await model.findOne({ version }).lean();
      return stored ? { version: stored.version, effectiveFrom: stored.effectiveFrom, categories: stored.categories as VisitCategoryConfig['categories'] } : undefined;
    },
    async history(limit) {
      const rows = await model.find({}).sort({ version: -1 }).limit(limit).lean();
      return rows.map((row) => ({
        version: row.version,
        effectiveFrom: row.effectiveFrom,
        publishedAt: row.publishedAt,
        publishedBy: row.publishedBy,
        categoryCount: (row.categories as unknown[]).length,
      }));
    },
    async insert(config, publishedBy, at) {
      try {
        await model.create({ version: config.version, effectiveFrom: config.effectiveFrom, publishedAt: at, publishedBy, categories: config.categories });
        return 'inserted';
      } catch (error) {
        if (isDuplicateKey(error)) return 'duplicate';
        throw error;
      }
    },
  };
}

/**
 * The category list in force, held per process so use cases read it synchronously.
 *
 * Across processes: `refresh()` runs before every visit use case (and each reminder run) and asks
 * the database only for the latest version number (one indexed read of a tiny collection); the
 * full list is read only when that number is higher than the one held. So a list published by
 * any process is in force everywhere from the next request on, without a time window. When no
 * version is stored, `fallback` (the default nine, or the wiring's override in tests) is in force.
 */
export function visitCategorySource(versions: VisitCategoryVersions, fallback: VisitCategoryConfig): VisitCategorySource {
  let held = fallback;
  /** Categories dropped by a later list, as last defined; walked version by version so none is skipped. */
  const retired = new Map<string, VisitCategory>();
  const moveTo = (next: VisitCategoryConfig) => {
    const kept = new Set(next.categories.map((c) => c.code));
    for (const category of held.categories) if (!kept.has(category.code)) retired.set(category.code, category);
    for (const code of kept) retired.delete(code);
    held = next;
  };
  return {
    current: () => held,
    retired: (code) => retired.get(code),
    async refresh() {
      const latest = await versions.latestVersion();
      if (latest === undefined || latest <= held.version) return;
      // Usually one step; a process that starts late reads each version once, at its first request.
      for (let version = held.version + 1; version <= latest; version += 1) {
        const stored = await versions.find(version);
        if (stored && stored.version > held.version) moveTo(stored);
      }
    },
  };
}
