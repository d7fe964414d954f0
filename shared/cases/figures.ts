import type { CaseStatus } from './states';

/**
 * How one case counts in the district's public figures. Rejected cases (不予受理) were never taken
 * on and merged ones are duplicates already counted through the case they joined, so neither is
 * "reported". A closed case is on time unless its case clock (办结时限) was marked overdue; one
 * without a case clock (accepted before it existed) had no deadline to miss. The overdue mark is
 * set by the clock check, which runs every 30 s, so a case closed within that long after its
 * deadline still counts as on time.
 */
export interface FigureFacts {
  status: CaseStatus;
  /** `caseClock.overdue` as stored; null without a case clock. */
  caseOverdue: boolean | null;
  /** `rating.satisfaction` (1–5); null when not rated. */
  satisfaction: number | null;
}

/** What one case, or `count` cases alike, add to a tally. */
export interface FigureCounts {
  reported: number;
  closed: number;
  closedOnTime: number;
  ratings: number;
  satisfactionSum: number;
}

export const noFigures = (): FigureCounts => ({ reported: 0, closed: 0, closedOnTime: 0, ratings: 0, satisfactionSum: 0 });

export function countsOf(facts: FigureFacts, count = 1): FigureCounts {
  if (facts.status === 'rejected' || facts.status === 'merged') return noFigures();
  const closed = facts.status === 'closed';
  const rated = typeof facts.satisfaction === 'number';
  return {
    reported: count,
    closed: closed ? count : 0,
    closedOnTime: closed && facts.caseOverdue !== true ? count : 0,
    ratings: rated ? count : 0,
    satisfactionSum: rated ? facts.satisfaction! * count : 0,
  };
}

/** `into` plus `more`, field by field. */
export function addCounts(into: FigureCounts, more: FigureCounts): FigureCounts {
  return {
    reported: into.reported + more.reported,
    closed: into.closed + more.closed,
    closedOnTime: into.closedOnTime + more.closedOnTime,
    ratings: into.ratings + more.ratings,
    satisfactionSum: into.satisfactionSum + more.satisfactionSum,
  };
}
