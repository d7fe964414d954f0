import { suppressSmallCount, visitAggregateThreshold } from '../policies/visits';
import { riskLevels, type RiskLevel } from './types';

/** What a summary counts of one person: no name, no place finer than the slice asked for. */
export interface SummaryRow {
  categoryCode: string;
  risk: RiskLevel;
  dueAt: Date;
  warnAt: Date;
}

/** One category's figures; a count is null where it is shown as "<5". */
export interface CategorySummary {
  categoryCode: string;
  people: number | null;
  byRisk: Record<RiskLevel, number | null>;
  dueSoon: number | null;
  overdue: number | null;
}

/**
 * Hides the cells of a row that sum to its total: each below the threshold, and when exactly one
 * is hidden, the next smallest too, so that the total minus the shown cells cannot give it back.
 */
function suppressRow(counts: number[]): (number | null)[] {
  const shown: (number | null)[] = counts.map((count) => suppressSmallCount(count));
  const hidden = shown.filter((cell) => cell === null).length;
  if (hidden === 1) {
    const next = counts.map((count, i) => ({ count, i })).filter(({ i }) => shown[i] !== null).sort((a, b) => a.count - b.count)[0];
    if (next) shown[next.i] = null;
  }
  return shown;
}

/**
 * The register's figures for one slice, by category: people, by risk level, due soon and overdue
 * at `now`, with every group smaller than the threshold (5) hidden, a category's total included,
 * and its risk levels suppressed as a row so no hidden cell can be worked out from the others.
 */
export function summarise(rows: readonly SummaryRow[], categoryCodes: readonly string[], now: Date): CategorySummary[] {
  return categoryCodes.map((categoryCode) => {
    const mine = rows.filter((row) => row.categoryCode === categoryCode);
    const risks = suppressRow(riskLevels.map((risk) => mine.filter((row) => row.risk === risk).length));
    const overdue = mine.filter((row) => row.dueAt.getTime() <= now.getTime()).length;
    const dueSoon = mine.filter((row) => row.warnAt.getTime() <= now.getTime() && row.dueAt.getTime() > now.getTime()).length;
    return {
      categoryCode,
      people: suppressSmallCount(mine.length),
      byRisk: Object.fromEntries(riskLevels.map((risk, i) => [risk, mine.length < visitAggregateThreshold ? null : risks[i]!])) as Record<RiskLevel, number | null>,
      dueSoon: mine.length < visitAggregateThreshold ? null : suppressSmallCount(dueSoon),
      overdue: mine.length < visitAggregateThreshold ? null : suppressSmallCount(overdue),
    };
  });
}
