import type { Catalog } from '../../shared/catalog/types';
import type { CatalogStore } from '../commands/ports';
import { duplicateKeyError } from './case-store';

/** Published catalog versions in a map; a version number taken twice fails as the unique index does. */
export function memoryCatalogStore(initial: readonly Catalog[] = []): CatalogStore & { versions: ReadonlyMap<number, Catalog> } {
  const versions = new Map(initial.map((catalog) => [catalog.version, structuredClone(catalog)]));
  return {
    versions,
    async insert(catalog) {
      if (versions.has(catalog.version)) throw duplicateKeyError(`catalog_versions.version ${catalog.version}`);
      versions.set(catalog.version, structuredClone(catalog));
    },
  };
}
