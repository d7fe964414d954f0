import { describe, expect, it } from 'vitest';
import { facetOfQuery, facetsOfRecord, type FacetFilter, type FacetSource } from './facets';
import { caseStatuses, type CaseStatus } from './states';

/** A deterministic generator, so a failure names a reproducible input. */
function seeded(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

// Written out here rather than read from states.ts: the predicate below must not share code with
// the module under test.
const closedStatuses = new Set<CaseStatus>(['closed', 'rejected', 'merged']);
const pausedStatuses = new Set<CaseStatus>(['suspended']);
const groupOf = (status: CaseStatus) => (closedStatuses.has(status) ? 'closed' : pausedStatuses.has(status) ? 'paused' : 'open');

/** Whether a list with this filter shows the case, said directly from the case's fields. */
function listedBy(record: FacetSource, filter: FacetFilter): boolean {
  if (filter.status) return record.status === filter.status;
  if (filter.group) return groupOf(record.status) === filter.group;
  if (filter.categoryCode) return record.categoryCode === filter.categoryCode;
  if (filter.subcategoryCode) return record.subcategoryCode === filter.subcategoryCode;
  if (filter.overdue) return (record.clock?.overdue === true || record.caseClock?.overdue === true) && groupOf(record.status) !== 'closed';
  if (filter.supervised) return record.supervised && groupOf(record.status) !== 'closed';
  return true;
}

describe('list facets', () => {
  const random = seeded(2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const categories = ['01', '02', '05'];
  const subcategoryOf = (category: string) => `${category}.${pick(['01', '02', '10'])}`;

  const randomRecord = (): FacetSource => {
    const categoryCode = pick(categories);
    const clock = pick([null, { overdue: false }, { overdue: true }]);
    const caseClock = pick([undefined, null, { overdue: false }, { overdue: true }]);
    return { status: pick(caseStatuses), categoryCode, subcategoryCode: subcategoryOf(categoryCode), supervised: random() < 0.3, clock, caseClock };
  };
  const randomFilter = (): FacetFilter =>
    pick<() => FacetFilter>([
      () => ({}),
      () => ({ status: pick(caseStatuses) }),
      () => ({ group: pick(['open', 'paused', 'closed'] as const) }),
      () => ({ categoryCode: pick(categories) }),
      () => ({ subcategoryCode: subcategoryOf(pick(categories)) }),
      () => ({ overdue: 'true' }),
      () => ({ supervised: 'true' }),
    ])();

  it('lists a case under a query exactly when the query facet is among the case facets (5,000 random pairs)', () => {
    let listed = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const record = randomRecord();
      const filter = randomFilter();
      const byFacets = facetsOfRecord(record).includes(facetOfQuery(filter));
      expect(byFacets, JSON.stringify({ record, filter })).toBe(listedBy(record, filter));
      if (byFacets) listed += 1;
    }
    // Both outcomes occur often enough for the comparison to mean something.
    expect(listed).toBeGreaterThan(500);
    expect(listed).toBeLessThan(4_500);
  });

  it('answers the fallback facet for a query without a filter', () => {
    expect(facetOfQuery({}, 'group:open')).toBe('group:open');
    expect(facetOfQuery({ status: 'closed' }, 'group:open')).toBe('status:closed');
  });

  it('keeps a closed case off the overdue and supervised worklists', () => {
    const facets = facetsOfRecord({ status: 'closed', categoryCode: '05', subcategoryCode: '05.02', supervised: true, clock: { overdue: true } });
    expect(facets).not.toContain('overdue');
    expect(facets).not.toContain('supervised');
  });
});
