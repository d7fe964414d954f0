import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countedEventsOf } from '../../shared/stats/derive';
import { tallyOfEvents } from '../../shared/stats/fold';
import { randomHistories } from '../../shared/stats/testing';
import type { CountedEvent, DayRange } from '../../shared/stats/types';
import type { StatsStore } from '../commands/ports';
import type { StatsLedger } from '../commands/stats/ledger';
import { statsStoreOver } from '../commands/stats/projection';

/** A statistics store, the ledger under it, and how to dispose of them. */
export interface StatsStoreUnderTest {
  ledger: StatsLedger;
  stats: StatsStore;
  close(): Promise<void>;
}

/** The ledger, failing like a killed process once `writes` counter documents are written. */
function dyingAfter(ledger: StatsLedger, writes: number): StatsLedger {
  let left = writes;
  return {
    ...ledger,
    async writeCounter(doc, previousVersion) {
      if (left === 0) throw new Error('killed mid-fold');
      left -= 1;
      return ledger.writeCounter(doc, previousVersion);
    },
  };
}

const now = new Date('2026-06-01T02:00:00Z');
const inRange = (events: CountedEvent[], range: DayRange) => events.filter((event) => event.day >= range.from && event.day <= range.to);

async function foldAll(stats: StatsStore, batch = 500): Promise<void> {
  while ((await stats.fold(batch, now)) > 0);
}

/**
 * What every StatsStore does, on random histories from the machine: the mongo ledger on the real
 * engine and the memory one behave the same through the one projection code.
 */
export function describeStatsStoreContract(name: string, make: () => Promise<StatsStoreUnderTest>): void {
  describe(`StatsStore contract: ${name}`, { timeout: 120_000 }, () => {
    let subject: StatsStoreUnderTest;
    const events = randomHistories(11, 25).finals.flatMap((record) => countedEventsOf(record));
    const year: DayRange = { from: '2026-01-01', to: '2026-12-31' };
    beforeEach(async () => {
      subject = await make();
    });
    afterEach(async () => {
      await subject.close();
    });

    it('counts an event recorded twice once, before and after it is folded', async () => {
      await subject.stats.record(events);
      await subject.stats.record(events.slice(0, 40));
      await foldAll(subject.stats, 97);
      await subject.stats.record(events);
      await foldAll(subject.stats);
      expect((await subject.stats.tally({ kind: 'district' }, year)).total).toEqual(tallyOfEvents(events).total);
    });

    it('counts an earlier step of a case recorded after a later one was folded (a retried job)', async () => {
      const caseId = events.find((event) => event.seq > 3)!.caseId;
      const ofCase = events.filter((event) => event.caseId === caseId);
      const [first, ...rest] = ofCase;
      await subject.stats.record(rest);
      await foldAll(subject.stats);
      await subject.stats.record(ofCase);
      await foldAll(subject.stats);
      expect((await subject.stats.tally({ kind: 'district' }, year)).total).toEqual(tallyOfEvents([first!, ...rest]).total);
    });

    it('finishes a fold killed halfway through its documents without doubling any', async () => {
      await subject.stats.record(events);
      await expect(statsStoreOver(dyingAfter(subject.ledger, 25)).fold(200, now)).rejects.toThrow('killed mid-fold');
      // The journal holds the batch: a second death further on, then a clean fold.
      await expect(statsStoreOver(dyingAfter(subject.ledger, 40)).fold(200, now)).rejects.toThrow('killed mid-fold');
      expect(await subject.ledger.readJournal()).not.toBeNull();
      await foldAll(subject.stats);
      expect(await subject.ledger.readJournal()).toBeNull();
      expect(await subject.ledger.pendingEvents(10)).toEqual([]);
      expect(await subject.stats.tally({ kind: 'district' }, year)).toEqual(tallyOfEvents(events));
      expect(await subject.stats.tally({ kind: 'street', streetCode: 'ST02' }, year)).toEqual(tallyOfEvents(events.filter((event) => event.dims.streetCode === 'ST02')));
    });

    it('answers a range over months and days with the fold of exactly the events in it, per scope', async () => {
      await subject.stats.record(events);
      await foldAll(subject.stats, 150);
      const ranges: DayRange[] = [
        { from: '2026-03-15', to: '2026-05-03' },
        { from: '2026-04-01', to: '2026-04-30' },
        { from: '2026-03-31', to: '2026-04-01' },
        { from: '2026-03-01', to: '2026-06-30' },
      ];
      for (const range of ranges) {
        expect(await subject.stats.tally({ kind: 'district' }, range), `${range.from}…${range.to}`).toEqual(tallyOfEvents(inRange(events, range)));
        const unit = inRange(events, range).filter((event) => event.dims.unitCode === 'U-PM-002');
        expect(await subject.stats.tally({ kind: 'unit', unitCode: 'U-PM-002' }, range)).toEqual(tallyOfEvents(unit));
        const grid = inRange(events, range).filter((event) => event.dims.gridCode === 'ST01-G02');
        expect(await subject.stats.tally({ kind: 'grid', gridCode: 'ST01-G02' }, range)).toEqual(tallyOfEvents(grid));
      }
    });

    it('tells until when it has counted, and counts nothing while a rebuild holds the projection', async () => {
      expect(await subject.stats.countedUntil()).toBeNull();
      await subject.stats.record(events.slice(0, 5));
      expect(await subject.ledger.createJournal({ id: 'rebuild:test', events: [], heldUntil: new Date(now.getTime() + 60_000) })).toBe(true);
      expect(await subject.stats.fold(500, now)).toBe(0);
      expect(await subject.stats.fold(500, new Date(now.getTime() + 61_000))).toBe(5);
      expect(await subject.stats.countedUntil()).toEqual(new Date(now.getTime() + 61_000));
    });
  });
}
