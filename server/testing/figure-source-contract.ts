import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, T0 } from '../../shared/cases/testing';
import type { CaseRecord } from '../../shared/cases/types';
import type { CaseStore, FigureSource, FigureTally } from '../commands/ports';

/** A figure source and the case store it counts, and how to dispose of them. */
export interface FigureSourceUnderTest {
  store: CaseStore;
  figures: FigureSource;
  close(): Promise<void>;
}

let serial = 0;
function aCase(overrides: Partial<CaseRecord>, filedAt = T0): CaseRecord {
  serial += 1;
  const id = `fig${String(serial).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
  return buildCase({ id, number: `BH-FIG-${id}`, ...overrides, filedAt }, { at: filedAt });
}

const rated = (satisfaction: number) => ({ rating: { resolved: 'yes' as const, satisfaction, at: T0 } });
const byKey = (tallies: FigureTally[]) => Object.fromEntries(tallies.map(({ streetCode, categoryCode, ...counts }) => [`${streetCode}|${categoryCode}`, counts]));

/**
 * What every FigureSource counts, on a scripted set of cases: the mongo adapter's aggregation on the
 * real engine and the in-memory one must agree with `countsOf` to the unit.
 */
export function describeFigureSourceContract(name: string, make: () => Promise<FigureSourceUnderTest>): void {
  describe(`FigureSource contract: ${name}`, () => {
    let subject: FigureSourceUnderTest;
    const weekStart = new Date('2026-03-09T00:00:00+08:00');
    beforeAll(async () => {
      subject = await make();
      const street = (streetCode: string, categoryCode: string) => ({ streetCode, categoryCode, subcategoryCode: `${categoryCode}.01` });
      const closed = (late: boolean) => {
        const record = aCase({ status: 'closed' });
        return { status: 'closed' as const, caseClock: { ...record.caseClock!, overdue: late } };
      };
      const cases = [
        aCase({ ...street('ST01', '05'), status: 'dispatched' }),
        aCase({ ...street('ST01', '05'), ...closed(false), ...rated(5) }),
        aCase({ ...street('ST01', '05'), ...closed(true), ...rated(2) }),
        // Filed the week before: counted since launch only.
        aCase({ ...street('ST01', '05'), ...closed(false), ...rated(4) }, new Date('2026-03-06T10:00:00+08:00')),
        // Closed with no case clock: no deadline it could have missed.
        aCase({ ...street('ST02', '01'), status: 'closed', caseClock: undefined }),
        aCase({ ...street('ST02', '01'), status: 'rejected' }),
        aCase({ ...street('ST02', '01'), status: 'merged' }),
        // Only rejected or merged cases here: the pair is not listed at all.
        aCase({ ...street('ST03', '02'), status: 'rejected' }),
      ];
      for (const record of cases) await subject.store.insert(record, {}, []);
    });
    afterAll(async () => subject?.close());

    it('tallies every case since launch per street and category, leaving out rejected and merged ones', async () => {
      expect(byKey(await subject.figures.tally(null))).toEqual({
        'ST01|05': { reported: 4, closed: 3, closedOnTime: 2, ratings: 3, satisfactionSum: 11 },
        'ST02|01': { reported: 1, closed: 1, closedOnTime: 1, ratings: 0, satisfactionSum: 0 },
      });
    });

    it('tallies only the cases filed from the start of a period on', async () => {
      expect(byKey(await subject.figures.tally(weekStart))).toEqual({
        'ST01|05': { reported: 3, closed: 2, closedOnTime: 1, ratings: 2, satisfactionSum: 7 },
        'ST02|01': { reported: 1, closed: 1, closedOnTime: 1, ratings: 0, satisfactionSum: 0 },
      });
    });

    it('answers nothing for a period with no case', async () => {
      expect(await subject.figures.tally(new Date('2026-04-01T00:00:00+08:00'))).toEqual([]);
    });
  });
}
