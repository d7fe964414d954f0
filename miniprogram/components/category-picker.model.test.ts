import { describe, expect, it } from 'vitest';
import { baoheCatalog } from '../../shared/catalog/baohe-catalog';
import { findPickable, mostUsedSubcategories, pickableSubcategories, searchSubcategories } from './category-picker.model';

describe('category picker model', () => {
  it('lists every subcategory of the catalog with its category', () => {
    const all = pickableSubcategories(baoheCatalog);
    expect(all).toHaveLength(118);
    expect(findPickable(baoheCatalog, '02.04')).toMatchObject({ name: '井盖缺失破损', categoryCode: '02' });
  });

  it('finds subcategories by name first, then by description and category', () => {
    const found = searchSubcategories(baoheCatalog, '井盖');
    expect(found[0].name).toBe('井盖缺失破损');
    const byCategory = searchSubcategories(baoheCatalog, baoheCatalog.categories[0].name);
    expect(byCategory.length).toBeGreaterThanOrEqual(baoheCatalog.categories[0].subcategories.length);
    expect(searchSubcategories(baoheCatalog, '   ')).toEqual([]);
    expect(searchSubcategories(baoheCatalog, '没有这种问题xyz')).toEqual([]);
  });

  it('puts name matches before description matches', () => {
    const found = searchSubcategories(baoheCatalog, '垃圾');
    const firstNonName = found.findIndex((item) => !item.name.includes('垃圾'));
    const lastName = found.map((item) => item.name.includes('垃圾')).lastIndexOf(true);
    expect(lastName).toBeLessThan(firstNonName === -1 ? Infinity : firstNonName);
  });

  it('orders the most used first and leaves out what was never filed', () => {
    const used = mostUsedSubcategories(baoheCatalog, { '02.04': 1, '01.02': 5, '01.01': 1 });
    expect(used.map((item) => item.code)).toEqual(['01.02', '01.01', '02.04']);
    expect(mostUsedSubcategories(baoheCatalog, {})).toEqual([]);
    expect(mostUsedSubcategories(baoheCatalog, { '01.01': 1, '01.02': 1, '01.03': 1 }, 2)).toHaveLength(2);
  });
});
