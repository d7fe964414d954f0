import type { CounterName, Counters } from './counters';
import { breakdowns, type Breakdown, type CountDims, type CountedEvent, type Tally } from './types';

/** A tally with nothing counted. */
export function emptyTally(): Tally {
  return { total: {}, by: { street: {}, grid: {}, category: {}, subcategory: {}, unit: {}, source: {} }, daily: {} };
}

/** The code an event is broken down under, per breakdown; an event before dispatch has no unit. */
function codeOf(dims: CountDims, breakdown: Breakdown): string | undefined {
  switch (breakdown) {
    case 'street':
      return dims.streetCode;
    case 'grid':
      return dims.gridCode;
    case 'category':
      return dims.categoryCode;
    case 'subcategory':
      return dims.subcategoryCode;
    case 'unit':
      return dims.unitCode;
    case 'source':
      return dims.source;
  }
}

/** Adds `more` into `into` in place; a counter that sums to 0 is dropped, as counter sets are sparse. */
function addInto(into: Counters, more: Counters): void {
  for (const name of Object.keys(more) as CounterName[]) {
    const total = (into[name] ?? 0) + (more[name] ?? 0);
    if (total === 0) delete into[name];
    else into[name] = total;
  }
}

/**
 * Counts one event into `tally`: its total, the day's total and each breakdown's row. Mutates and
 * returns `tally`, so that folding a year of events (the rebuild, the bench) copies nothing;
 * the event is never changed.
 */
export function addEvent(tally: Tally, event: CountedEvent): Tally {
  addInto(tally.total, event.counts);
  addInto((tally.daily[event.day] ??= {}), event.counts);
  for (const breakdown of breakdowns) {
    const code = codeOf(event.dims, breakdown);
    if (code !== undefined) addInto((tally.by[breakdown][code] ??= {}), event.counts);
  }
  return tally;
}

/**
 * Adds `more` into `into` in place and returns `into`: summing a year of month documents into one
 * accumulator copies nothing (a fresh sum per document made a year's read quadratic in its rows).
 */
export function addTallyInto(into: Tally, more: Tally): Tally {
  addInto(into.total, more.total);
  for (const [day, counters] of Object.entries(more.daily)) addInto((into.daily[day] ??= {}), counters);
  for (const breakdown of breakdowns) {
    const rows = into.by[breakdown];
    for (const [code, counters] of Object.entries(more.by[breakdown])) addInto((rows[code] ??= {}), counters);
  }
  return into;
}

/** A new tally holding `a` plus `b`; neither is changed. */
export function addTallies(a: Tally, b: Tally): Tally {
  return addTallyInto(addTallyInto(emptyTally(), a), b);
}

/** The tally of a set of events, in any order. */
export function tallyOfEvents(events: Iterable<CountedEvent>): Tally {
  const tally = emptyTally();
  for (const event of events) addEvent(tally, event);
  return tally;
}
