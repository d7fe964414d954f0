import { describe, expect, it } from 'vitest';
import type { PeriodTotals } from '../commands/figures';
import { presentFigures } from './figures';

const period = (totals: PeriodTotals['totals']): PeriodTotals => ({ from: null, totals, byCategory: [], byStreet: [] });

describe('presentFigures', () => {
  it('gives the on-time rate to four places and the average satisfaction to two, and null where nothing was closed or rated', () => {
    const at = new Date('2026-03-12T02:00:00Z');
    const figures = presentFigures({
      at,
      week: period({ reported: 2, closed: 0, closedOnTime: 0, ratings: 0, satisfactionSum: 0 }),
      month: period({ reported: 5, closed: 3, closedOnTime: 2, ratings: 3, satisfactionSum: 10 }),
      sinceLaunch: period({ reported: 0, closed: 0, closedOnTime: 0, ratings: 0, satisfactionSum: 0 }),
    });
    expect(figures.generatedAt).toBe(at);
    expect(figures.week).toMatchObject({ reported: 2, closed: 0, onTimeRate: null, satisfaction: { average: null, ratings: 0 } });
    expect(figures.month).toMatchObject({ closedOnTime: 2, onTimeRate: 0.6667, satisfaction: { average: 3.33, ratings: 3 } });
  });
});
