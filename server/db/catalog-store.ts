import type { CatalogStore } from '../commands/catalog';
import type { Database } from './connection';

/** Catalog versions in the `catalog_versions` collection, whose unique index on version refuses a second writer. */
export function mongoCatalogStore(database: Database): CatalogStore {
  return {
    async insert(catalog, publishedBy) {
      await database.models.CatalogVersion.create({ version: catalog.version, publishedAt: new Date(catalog.publishedAt), publishedBy, categories: catalog.categories });
    },
  };
}
