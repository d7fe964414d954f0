import type { DistrictFigures, PeriodFigures } from '../../shared/api/figures';
import { districtTimeZone } from '../../shared/time/periods';
import type { Figures, PeriodTotals } from '../commands/figures';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function presentPeriod(period: PeriodTotals): PeriodFigures {
  const { totals } = period;
  return {
    from: period.from,
    reported: totals.reported,
    closed: totals.closed,
    closedOnTime: totals.closedOnTime,
    onTimeRate: totals.closed ? round(totals.closedOnTime / totals.closed, 4) : null,
    satisfaction: { average: totals.ratings ? round(totals.satisfactionSum / totals.ratings, 2) : null, ratings: totals.ratings },
    byCategory: period.byCategory.map(({ code, name, reported, closed }) => ({ code, name, reported, closed })),
    byStreet: period.byStreet.map(({ code, name, reported, closed }) => ({ code, name, reported, closed })),
  };
}

/** The district's figures as the public portal reads them: counts and rates, nothing about any person. */
export function presentFigures(figures: Figures): DistrictFigures {
  return {
    generatedAt: figures.at,
    timeZone: districtTimeZone,
    week: presentPeriod(figures.week),
    month: presentPeriod(figures.month),
    sinceLaunch: presentPeriod(figures.sinceLaunch),
  };
}
