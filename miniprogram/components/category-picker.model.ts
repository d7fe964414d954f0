import type { Catalog } from '../../shared/catalog/types';

/** A subcategory as the picker lists it: with its category, and what the form must do for it. */
export interface PickableSubcategory {
  code: string;
  name: string;
  description: string;
  categoryCode: string;
  categoryName: string;
  anonymousAllowed: boolean;
  photoRequiredToFile: boolean;
}

export function pickableSubcategories(catalog: Catalog): PickableSubcategory[] {
  return catalog.categories.flatMap((category) =>
    category.subcategories.map((subcategory) => ({
      code: subcategory.code,
      name: subcategory.name,
      description: subcategory.description,
      categoryCode: category.code,
      categoryName: category.name,
      anonymousAllowed: subcategory.anonymousAllowed,
      photoRequiredToFile: subcategory.photoRequiredToFile,
    })),
  );
}

export function findPickable(catalog: Catalog | undefined, code: string | undefined): PickableSubcategory | undefined {
  if (!catalog || !code) return undefined;
  return pickableSubcategories(catalog).find((item) => item.code === code);
}

/**
 * Subcategories matching what was typed. A resident types what they see ("井盖", "噪音"), so the
 * subcategory's name counts most, then its description, then its category's name; within a rank
 * the catalog's order holds.
 */
export function searchSubcategories(catalog: Catalog, query: string): PickableSubcategory[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const rank = (item: PickableSubcategory) => {
    const inName = words.every((word) => item.name.toLowerCase().includes(word));
    if (inName) return 0;
    const text = `${item.name} ${item.description}`.toLowerCase();
    if (words.every((word) => text.includes(word))) return 1;
    const all = `${text} ${item.categoryName}`.toLowerCase();
    return words.every((word) => all.includes(word)) ? 2 : undefined;
  };
  return pickableSubcategories(catalog)
    .map((item, order) => ({ item, order, rank: rank(item) }))
    .filter((entry): entry is { item: PickableSubcategory; order: number; rank: number } => entry.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((entry) => entry.item);
}

/** The subcategories this device filed before, most filed first (ties in catalog order), at most `limit`. */
export function mostUsedSubcategories(catalog: Catalog, usage: Record<string, number>, limit = 6): PickableSubcategory[] {
  return pickableSubcategories(catalog)
    .map((item, order) => ({ item, order, count: usage[item.code] ?? 0 }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .slice(0, limit)
    .map((entry) => entry.item);
}
