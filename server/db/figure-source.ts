import { addCounts, countsOf, noFigures } from '../../shared/cases/figures';
import type { CaseStatus } from '../../shared/cases/states';
import type { FigureSource, FigureTally } from '../commands/ports';
import type { Database } from './connection';

interface GroupRow {
  _id: { streetCode: string; categoryCode: string; status: CaseStatus; caseOverdue?: boolean | null; satisfaction?: number | null };
  count: number;
}

/**
 * The public figures counted by the engine: one aggregation per period, grouped on the few facts a
 * case counts by (`$match`, `$group`, `$sum` are what FerretDB runs), so the database sends back at
 * most streets × categories × statuses × overdue × satisfaction rows, never the cases. A period
 * is served by the (facets, filedAt) index on MongoDB (every case carries the facet `all`); since
 * launch is a pass over every case, which the use case's cache allows once a minute.
 */
export function mongoFigureSource(database: Database): FigureSource {
  const cases = database.connection.db!.collection(database.models.Case.collection.collectionName);
  return {
    async tally(since) {
      const rows = (await cases
        .aggregate([
          { $match: since ? { facets: 'all', filedAt: { $gte: since } } : { facets: 'all' } },
          {
            $group: {
              _id: { streetCode: '$streetCode', categoryCode: '$categoryCode', status: '$status', caseOverdue: '$caseClock.overdue', satisfaction: '$rating.satisfaction' },
              count: { $sum: 1 },
            },
          },
        ])
        .toArray()) as unknown as GroupRow[];
      const tallies = new Map<string, FigureTally>();
      for (const { _id: group, count } of rows) {
        const counts = countsOf({ status: group.status, caseOverdue: group.caseOverdue ?? null, satisfaction: group.satisfaction ?? null }, count);
        if (counts.reported === 0) continue;
        const key = `${group.streetCode}|${group.categoryCode}`;
        const tally = tallies.get(key) ?? { streetCode: group.streetCode, categoryCode: group.categoryCode, ...noFigures() };
        tallies.set(key, { ...tally, ...addCounts(tally, counts) });
      }
      return [...tallies.values()];
    },
  };
}
