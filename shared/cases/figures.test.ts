import { describe, expect, it } from 'vitest';
import { addCounts, countsOf, noFigures } from './figures';

describe('countsOf: how a case counts in the public figures', () => {
  it.each([
    { name: 'an open case is reported only', facts: { status: 'dispatched', caseOverdue: false, satisfaction: null }, counts: { reported: 1, closed: 0, closedOnTime: 0, ratings: 0, satisfactionSum: 0 } },
    { name: 'a case closed within its limit', facts: { status: 'closed', caseOverdue: false, satisfaction: null }, counts: { reported: 1, closed: 1, closedOnTime: 1, ratings: 0, satisfactionSum: 0 } },
    { name: 'a case closed after its case clock was marked overdue', facts: { status: 'closed', caseOverdue: true, satisfaction: 2 }, counts: { reported: 1, closed: 1, closedOnTime: 0, ratings: 1, satisfactionSum: 2 } },
    { name: 'a closed case without a case clock', facts: { status: 'closed', caseOverdue: null, satisfaction: 5 }, counts: { reported: 1, closed: 1, closedOnTime: 1, ratings: 1, satisfactionSum: 5 } },
    { name: 'a rejected case counts for nothing', facts: { status: 'rejected', caseOverdue: null, satisfaction: null }, counts: noFigures() },
    { name: 'a merged duplicate counts for nothing', facts: { status: 'merged', caseOverdue: false, satisfaction: null }, counts: noFigures() },
  ] as const)('$name', ({ facts, counts }) => {
    expect(countsOf(facts)).toEqual(counts);
  });

  it('counts a group of alike cases at once, and adds tallies field by field', () => {
    const three = countsOf({ status: 'closed', caseOverdue: false, satisfaction: 4 }, 3);
    expect(three).toEqual({ reported: 3, closed: 3, closedOnTime: 3, ratings: 3, satisfactionSum: 12 });
    expect(addCounts(three, countsOf({ status: 'accepted', caseOverdue: false, satisfaction: null }))).toEqual({ reported: 4, closed: 3, closedOnTime: 3, ratings: 3, satisfactionSum: 12 });
  });
});
