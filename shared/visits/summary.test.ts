import { describe, expect, it } from 'vitest';
import type { RiskLevel } from './types';
import { summarise, type SummaryRow } from './summary';

const now = new Date('2026-10-10T09:00:00+08:00');
const day = 86_400_000;
const people = (categoryCode: string, risk: RiskLevel, count: number, state: 'fine' | 'soon' | 'overdue' = 'fine'): SummaryRow[] =>
  Array.from({ length: count }, () => ({
    categoryCode,
    risk,
    dueAt: new Date(now.getTime() + (state === 'overdue' ? -day : 5 * day)),
    warnAt: new Date(now.getTime() + (state === 'fine' ? 3 * day : -day)),
  }));

describe('visit register figures', () => {
  it('counts a category by risk, due soon and overdue when every group is 5 or more', () => {
    const rows = [...people('elderly', 'red', 5, 'overdue'), ...people('elderly', 'yellow', 6, 'soon'), ...people('elderly', 'blue', 7)];
    expect(summarise(rows, ['elderly'], now)).toEqual([{ categoryCode: 'elderly', people: 18, byRisk: { red: 5, yellow: 6, blue: 7 }, dueSoon: 6, overdue: 5 }]);
  });

  it('hides every figure of a category of fewer than 5 people, and a category with none shows nothing either', () => {
    expect(summarise(people('mental', 'red', 4, 'overdue'), ['mental', 'veterans'], now)).toEqual([
      { categoryCode: 'mental', people: null, byRisk: { red: null, yellow: null, blue: null }, dueSoon: null, overdue: null },
      { categoryCode: 'veterans', people: null, byRisk: { red: null, yellow: null, blue: null }, dueSoon: null, overdue: null },
    ]);
  });

  it('hides a second risk level when only one is small, so the total cannot give the small one away', () => {
    const rows = [...people('elderly', 'red', 2), ...people('elderly', 'yellow', 9), ...people('elderly', 'blue', 6)];
    const [summary] = summarise(rows, ['elderly'], now);
    expect(summary!.people).toBe(17);
    expect(summary!.byRisk).toEqual({ red: null, yellow: 9, blue: null });
  });
});
