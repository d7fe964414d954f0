import { describe, expect, it } from 'vitest';
import { baoheCatalog } from '../catalog/baohe-catalog';
import { shippedHotlineMapping } from './mapping-data';
import { mappedCodeCount, satisfactionFromOurs, satisfactionToOurs, stateFromOurs, stateToOurs, subcategoryFor, unmappedCodes, type HotlineMapping } from './mappings';

const ourCodes = new Set(baoheCatalog.categories.flatMap((category) => category.subcategories.map((sub) => sub.code)));

describe('the shipped hotline mapping', () => {
  it('points every code of both channels at a subcategory of our catalog', () => {
    const report = unmappedCodes(shippedHotlineMapping, {}, ourCodes);
    expect(report.danglingTargets).toEqual([]);
    expect(report.satisfactionGaps).toEqual({ '12345': [], '12319': [] });
  });

  it('covers over a hundred and fifty centre codes', () => {
    const count = mappedCodeCount(shippedHotlineMapping);
    expect(count.total).toBe(count['12345'] + count['12319']);
    expect(count.total).toBeGreaterThan(150);
  });

  it('translates each channel state both ways', () => {
    for (const channel of ['12345', '12319'] as const) {
      for (const [code, ours] of Object.entries(shippedHotlineMapping.channels[channel].states)) {
        expect(stateToOurs(shippedHotlineMapping, channel, code)).toBe(ours);
        expect(stateFromOurs(shippedHotlineMapping, channel, ours)).toBe(code);
      }
    }
  });

  it('translates satisfaction between the three-level 12345 scale, the five-level 12319 scale and our 1..5', () => {
    expect(satisfactionToOurs(shippedHotlineMapping, '12345', '1')).toBe(5);
    expect(satisfactionToOurs(shippedHotlineMapping, '12345', '3')).toBe(1);
    expect(satisfactionToOurs(shippedHotlineMapping, '12319', 'B')).toBe(4);
    expect(satisfactionToOurs(shippedHotlineMapping, '12319', 'Z')).toBeUndefined();
    expect(satisfactionFromOurs(shippedHotlineMapping, '12345', 4)).toBe('1');
    expect(satisfactionFromOurs(shippedHotlineMapping, '12319', 2)).toBe('D');
  });
});

describe('subcategoryFor', () => {
  it('answers the mapped subcategory, or the channel fallback marked unmapped', () => {
    expect(subcategoryFor(shippedHotlineMapping, '12319', 'S0102')).toEqual({ subcategoryCode: '01.01', mapped: true });
    expect(subcategoryFor(shippedHotlineMapping, '12345', '999999')).toEqual({ subcategoryCode: '10.12', mapped: false });
  });
});

describe('unmappedCodes', () => {
  it('lists the codes seen that a mapping does not know, and targets missing from the catalog', () => {
    const broken: HotlineMapping = {
      ...shippedHotlineMapping,
      channels: {
        ...shippedHotlineMapping.channels,
        '12319': { ...shippedHotlineMapping.channels['12319'], categories: { S0102: ['事件/暴露垃圾', '99.99'] }, satisfaction: { toOurs: {}, fromOurs: { 5: 'A' } } },
      },
    };
    const report = unmappedCodes(broken, { '12345': ['010101', 'X1', 'X1', 'A0'], '12319': ['S0102', 'S0999'] }, ourCodes);
    expect(report.categories).toEqual({ '12345': ['A0', 'X1'], '12319': ['S0999'] });
    expect(report.danglingTargets).toEqual([{ channel: '12319', code: 'S0102', subcategoryCode: '99.99' }]);
    expect(report.satisfactionGaps['12319']).toEqual([1, 2, 3, 4]);
  });
});

describe('hotlineMappingSchema', () => {
  it('accepts the shipped mapping and refuses a target that is not one of our codes', async () => {
    const { hotlineMappingSchema } = await import('./mappings');
    expect(hotlineMappingSchema.safeParse(shippedHotlineMapping).success).toBe(true);
    const broken = structuredClone(shippedHotlineMapping) as unknown as { channels: { '12345': { categories: Record<string, [string, string]> } } };
    broken.channels['12345'].categories['010101'] = ['x', '暴露垃圾'];
    expect(hotlineMappingSchema.safeParse(broken).success).toBe(false);
  });
});
