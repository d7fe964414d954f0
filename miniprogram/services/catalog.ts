import type { Catalog } from '../../shared/catalog/types';
import { request } from './http';

export type { Catalog, Category, Subcategory } from '../../shared/catalog/types';

/** The current management service list (管理服务清单). */
export function getCatalog(): Promise<Catalog> {
  return request<Catalog>('GET', '/api/v1/catalog');
}

/** One tile of the home page: a major category and how many kinds of problem it covers. */
export interface CategoryTile {
  code: string;
  name: string;
  subcategoryCount: number;
}

export function categoryTiles(catalog: Catalog): CategoryTile[] {
  return catalog.categories.map((category) => ({
    code: category.code,
    name: category.name,
    subcategoryCount: category.subcategories.length,
  }));
}
