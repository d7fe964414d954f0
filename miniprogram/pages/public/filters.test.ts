import { describe, expect, it } from 'vitest';
import { caseListFilterKeys, listCasesSchema } from '../../../shared/schemas/cases';
import { describeFilters, noFilters, publicQuery, withOther, type PublicFilters } from './filters';

const filterCount = (query: object) => caseListFilterKeys.filter((key) => key in query).length;

describe('public list filters', () => {
  it('sends the street and at most one other filter, always valid for the API', () => {
    const street = { code: 'ST01', name: '包公街道' };
    let filters: PublicFilters = { ...noFilters, street };
    filters = withOther(filters, { kind: 'group', group: 'open' });
    filters = withOther(filters, { kind: 'category', code: '03', name: '市容环境' });
    const query = publicQuery(filters, 'abc');
    expect(query).toEqual({ view: 'public', limit: 10, streetCode: 'ST01', categoryCode: '03', cursor: 'abc' });
    expect(filterCount(query)).toBe(1);
    expect(listCasesSchema.safeParse(query).success).toBe(true);
  });

  it('sends nothing but the view when nothing is chosen', () => {
    expect(publicQuery(noFilters)).toEqual({ view: 'public', limit: 10 });
    expect(describeFilters(noFilters)).toBe('全区 · 全部');
  });

  it('says what is shown', () => {
    expect(describeFilters(withOther({ ...noFilters, street: { code: 'ST02', name: '望湖街道' } }, { kind: 'group', group: 'closed' }))).toBe('望湖街道 · 已办结');
  });
});
