import { describe, expect, it } from 'vitest';
import { countedEventsOf } from './derive';
import { counterDocumentIdsFor, counterDocumentIdsOf, monthOfCounterDocument, periodsOf } from './documents';
import { addEvent, addTallies, addTallyInto, emptyTally, tallyOfEvents } from './fold';
import { randomHistories } from './testing';

const events = randomHistories(7, 80).finals.flatMap((record) => countedEventsOf(record));

describe('folding counted events', () => {
  it('adds two tallies to the tally of both sets of events, whatever the split and the order', () => {
    const cut = Math.floor(events.length / 3);
    const whole = tallyOfEvents(events);
    expect(addTallies(tallyOfEvents(events.slice(0, cut)), tallyOfEvents(events.slice(cut)))).toEqual(whole);
    expect(tallyOfEvents([...events].reverse())).toEqual(whole);
  });

  it('counts an event in the total, its day and each breakdown it has a code for, leaving the event unchanged', () => {
    const [event] = events.filter((one) => one.dims.unitCode);
    const before = structuredClone(event!);
    const tally = addEvent(emptyTally(), event!);
    expect(event).toEqual(before);
    expect(tally.total).toEqual(event!.counts);
    expect(tally.daily).toEqual({ [event!.day]: event!.counts });
    expect(tally.by.street).toEqual({ [event!.dims.streetCode]: event!.counts });
    expect(tally.by.unit).toEqual({ [event!.dims.unitCode!]: event!.counts });
    expect(tally.by.source).toEqual({ [event!.dims.source]: event!.counts });
  });

  it('accumulates any number of tallies into one in place, leaving each added tally unchanged', () => {
    const parts = [events.slice(0, 50), events.slice(50, 51), events.slice(51, 400), events.slice(400)].map((part) => tallyOfEvents(part));
    const copies = structuredClone(parts);
    const sum = emptyTally();
    for (const part of parts) expect(addTallyInto(sum, part)).toBe(sum);
    expect(sum).toEqual(tallyOfEvents(events));
    expect(parts).toEqual(copies);
  });

  it('leaves both tallies unchanged when adding them', () => {
    const a = tallyOfEvents(events.slice(0, 10));
    const copy = structuredClone(a);
    addTallies(a, a);
    expect(a).toEqual(copy);
  });
});

describe('the documents a period is read from', () => {
  it('reads whole months from month documents and the other days from day documents', () => {
    expect(periodsOf({ from: '2026-01-30', to: '2026-04-02' })).toEqual({
      months: ['2026-02', '2026-03'],
      days: ['2026-01-30', '2026-01-31', '2026-04-01', '2026-04-02'],
    });
    expect(periodsOf({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ months: ['2026-02'], days: [] });
    expect(periodsOf({ from: '2026-03-05', to: '2026-03-07' })).toEqual({ months: [], days: ['2026-03-05', '2026-03-06', '2026-03-07'] });
    expect(counterDocumentIdsFor({ kind: 'street', streetCode: 'ST01' }, { from: '2028-02-01', to: '2028-03-01' })).toEqual(['street:ST01@m:2028-02', 'street:ST01@d:2028-03-01']);
  });

  it('reads a year in about 12 + 60 documents, not 365', () => {
    const ids = counterDocumentIdsFor({ kind: 'district' }, { from: '2026-01-15', to: '2027-01-14' });
    expect(ids.length).toBeLessThanOrEqual(11 + 31 + 14);
  });

  it('tells the month of every document an event is added to, and refuses an id that names no period', () => {
    const [event] = countedEventsOf(randomHistories(3, 1).finals[0]!);
    for (const id of counterDocumentIdsOf(event!)) expect(monthOfCounterDocument(id), id).toBe(event!.day.slice(0, 7));
    expect(monthOfCounterDocument('street:ST01|category:01@d:2026-11-28')).toBe('2026-11');
    expect(monthOfCounterDocument('district@m:2027-01')).toBe('2027-01');
    expect(() => monthOfCounterDocument('district@y:2027')).toThrow();
    expect(() => monthOfCounterDocument('district@d:2027-01')).toThrow();
  });
});
