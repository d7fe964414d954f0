import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countedEventsOf } from '../../shared/stats/derive';
import { emptyTally, tallyOfEvents } from '../../shared/stats/fold';
import { randomHistories } from '../../shared/stats/testing';
import type { CountedEvent, DayRange } from '../../shared/stats/types';
import type { StatsStore } from '../commands/ports';
import type { CounterDocument, StatsLedger } from '../commands/stats/ledger';
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
        expect(await subject.stats.totals({ kind: 'district' }, range), `totals ${range.from}…${range.to}`).toEqual(tallyOfEvents(inRange(events, range)).total);
        expect(await subject.stats.totals({ kind: 'unit', unitCode: 'U-PM-002' }, range)).toEqual(tallyOfEvents(unit).total);
      }
      expect(await subject.stats.totals({ kind: 'district' }, { from: '2025-01-01', to: '2025-12-31' })).toEqual({});
    });

    it('reads a period again only where a fold, here or in another process, changed its months', async () => {
      const reads: string[] = [];
      const counting: StatsLedger = {
        ...subject.ledger,
        readCounter: (id) => (reads.push(id), subject.ledger.readCounter(id)),
        readCounterTotal: (id) => (reads.push(id), subject.ledger.readCounterTotal(id)),
      };
      const reader = statsStoreOver(counting);
      const otherProcess = statsStoreOver(subject.ledger);
      const march = events.filter((event) => event.day.startsWith('2026-03'));
      const rest = events.filter((event) => !event.day.startsWith('2026-03'));
      expect(march.length).toBeGreaterThan(0);
      await otherProcess.record(rest);
      await foldAll(otherProcess);
      const range: DayRange = { from: '2026-01-01', to: '2026-06-30' };
      expect(await reader.tally({ kind: 'district' }, range)).toEqual(tallyOfEvents(inRange(rest, range)));
      expect(await reader.totals({ kind: 'district' }, range)).toEqual(tallyOfEvents(inRange(rest, range)).total);
      expect(reads.length).toBe(12);

      reads.length = 0;
      expect(await reader.tally({ kind: 'district' }, range)).toEqual(tallyOfEvents(inRange(rest, range)));
      expect(await reader.totals({ kind: 'district' }, range)).toEqual(tallyOfEvents(inRange(rest, range)).total);
      expect(reads).toEqual([]);

      await otherProcess.record(march);
      await foldAll(otherProcess);
      expect(await reader.tally({ kind: 'district' }, range)).toEqual(tallyOfEvents(inRange(events, range)));
      expect(await reader.totals({ kind: 'district' }, range)).toEqual(tallyOfEvents(inRange(events, range)).total);
      expect(reads).toEqual(['district@m:2026-03', 'district@m:2026-03']);
    });

    it('answers tallies that cannot be changed by the caller, so a kept one stays true', async () => {
      await subject.stats.record(events);
      await foldAll(subject.stats);
      const tally = await subject.stats.tally({ kind: 'district' }, year);
      expect(() => {
        tally.total.filed = 0;
      }).toThrow(TypeError);
      expect(() => {
        tally.by.street.ST01 = {};
      }).toThrow(TypeError);
      expect(await subject.stats.tally({ kind: 'district' }, year)).toEqual(tallyOfEvents(events));
    });

    it('tells until when it has counted, and counts nothing while a rebuild holds the projection', async () => {
      expect(await subject.stats.countedUntil()).toBeNull();
      await subject.stats.record(events.slice(0, 5));
      expect(await subject.ledger.createJournal({ id: 'rebuild:test', events: [], heldUntil: new Date(now.getTime() + 60_000) })).toBe(true);
      expect(await subject.stats.fold(500, now)).toBe(0);
      expect(await subject.stats.fold(500, new Date(now.getTime() + 61_000))).toBe(5);
      expect(await subject.stats.countedUntil()).toEqual(new Date(now.getTime() + 61_000));
    });

    it('keeps an event key folded for ever, whichever keys are marked again', async () => {
      expect(await subject.ledger.foldedKeys(['C1:1'])).toEqual(new Set());
      await subject.ledger.markFolded(['C1:1', 'C1:3']);
      await subject.ledger.markFolded(['C1:3', 'C2:1', 'C2:1']);
      await subject.ledger.markFolded([]);
      expect(await subject.ledger.foldedKeys(['C1:1', 'C1:2', 'C1:3', 'C2:1', 'C2:2'])).toEqual(new Set(['C1:1', 'C1:3', 'C2:1']));
    });

    it('writes new counter documents in bulk across months, refusing one stored already while writing the others', async () => {
      const doc = (id: string, filed: number): CounterDocument => ({ id, version: 1, lastFold: 'rebuild:test', tally: { ...emptyTally(), total: { ...emptyTally().total, filed } } });
      const fresh = [doc('district@m:2026-03', 1), doc('district@d:2026-03-31', 2), doc('street:ST01@d:2026-04-01', 3), doc('district@m:2027-01', 4)];
      await subject.ledger.insertCounters(fresh);
      await subject.ledger.insertCounters([]);
      expect((await subject.ledger.counterIds()).sort()).toEqual(fresh.map((one) => one.id).sort());
      for (const one of fresh) expect(await subject.ledger.readCounter(one.id)).toEqual(one);
      for (const one of fresh) expect(await subject.ledger.readCounterTotal(one.id)).toEqual(one.tally.total);
      expect(await subject.ledger.readCounterTotal('district@m:2026-02')).toBeNull();

      await expect(subject.ledger.insertCounters([doc('district@m:2026-03', 9), doc('district@d:2026-03-30', 5)])).rejects.toThrow('district@m:2026-03');
      expect(await subject.ledger.readCounter('district@m:2026-03')).toEqual(fresh[0]);
      expect(await subject.ledger.readCounter('district@d:2026-03-30')).toEqual(doc('district@d:2026-03-30', 5));

      await subject.ledger.deleteCounters(['district@d:2026-03-31', 'district@m:2027-01', 'district@d:2026-03-30']);
      expect((await subject.ledger.counterIds()).sort()).toEqual(['district@m:2026-03', 'street:ST01@d:2026-04-01']);
      expect(await subject.ledger.writeCounter({ ...fresh[2]!, version: 2 }, 1)).toBe(true);
      expect(await subject.ledger.writeCounter({ ...fresh[2]!, version: 2 }, 1)).toBe(false);
    });
  });
}
