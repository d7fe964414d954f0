import { describe, expect, it } from 'vitest';
import { baoheVisitCategories, communityCorrectionCategory } from './baohe-categories';
import { answerErrors, findVisitCategory, foundDanger, parseVisitCategoryConfig, withDistrictCategories } from './config';

const mental = findVisitCategory(baoheVisitCategories, 'severe_mental_disorder')!;

describe('visit category config', () => {
  it('ships nine valid default categories, each owned by a department', () => {
    const parsed = parseVisitCategoryConfig(baoheVisitCategories);
    expect(parsed.categories).toHaveLength(9);
    expect(new Set(parsed.categories.map((c) => c.ownerUnitType))).toEqual(new Set(['civil_affairs', 'disabled_persons_federation', 'health', 'veterans_affairs']));
  });

  it('takes a district category owned by another department as a new version', () => {
    const next = withDistrictCategories(baoheVisitCategories, [communityCorrectionCategory], '2026-12-01T00:00:00+08:00');
    expect(next.version).toBe(2);
    expect(findVisitCategory(next, 'community_correction')?.ownerUnitType).toBe('justice');
  });

  it('refuses a duplicate code, an unknown owner and a choice without options', () => {
    expect(() => withDistrictCategories(baoheVisitCategories, [{ ...communityCorrectionCategory, code: 'elderly' }], '2026-12-01T00:00:00+08:00')).toThrow(/类别编号重复/);
    expect(() => parseVisitCategoryConfig({ ...baoheVisitCategories, categories: [{ ...communityCorrectionCategory, ownerUnitType: 'nobody' }] })).toThrow();
    const badQuestion = { ...communityCorrectionCategory, questions: [{ key: 'x', label: 'x', kind: 'choice', required: true, sensitive: false }] };
    expect(() => parseVisitCategoryConfig({ ...baoheVisitCategories, categories: [badQuestion] })).toThrow(/选项/);
  });
});

describe('answerErrors', () => {
  it('accepts complete answers to the mental disorder questions', () => {
    expect(answerErrors(mental, { guardian: '王某（母亲）', dangerGrade: 2, medication: '规律服药' })).toEqual({});
  });

  it('names each missing, out-of-range, unknown or ill-typed answer', () => {
    expect(answerErrors(mental, { dangerGrade: 6, medication: '偶尔', shoeSize: 42 })).toEqual({
      shoeSize: ['该类别没有这个问题'],
      guardian: ['请回答：监护人'],
      dangerGrade: ['应在 0–5 之间'],
      medication: ['不是可选的答案'],
    });
  });

  it('finds danger at grade 3 or more only where the category asks for sign-off', () => {
    expect(foundDanger(mental, { dangerGrade: 3 })).toBe(true);
    expect(foundDanger(mental, { dangerGrade: 2 })).toBe(false);
    expect(foundDanger(communityCorrectionCategory, { dangerGrade: 5 })).toBe(false);
  });
});
