import { describe, expect, it } from 'vitest';
import type { StatsStore } from '../ports';
import { testClock } from '../../testing/clock';
import { memoryWorld } from '../../testing/memory-world';
import { memoryStatsStore } from '../../memory/stats-store';
import { countDims, eventsOfDays, type CountedDay } from '../../testing/stats';
import { publicStats } from './public';

/** The projection's memory store holding `days`, folded. */
async function foldedStore(days: readonly CountedDay[]): Promise<StatsStore> {
  const store = memoryStatsStore();
  await store.record(eventsOfDays(days));
  while ((await store.fold(500, new Date())) > 0);
  return store;
}

/** A store that counts its reads and fails on demand. */
function countingStore(store: StatsStore) {
  const state = { reads: 0, failNext: false };
  const counting: StatsStore = {
    ...store,
    async tally(scope, range) {
      state.reads += 1;
      if (state.failNext) {
        state.failNext = false;
        throw new Error('engine unavailable');
      }
      return store.tally(scope, range);
    },
  };
  return { state, store: counting };
}

describe('publicStats: GET /api/v1/stats/public', () => {
  const days: CountedDay[] = [
    { day: '2026-03-10', dims: countDims(), counts: { filed: 2, closed: 1, closedOnTime: 1 } },
    { day: '2026-03-02', dims: countDims({ streetCode: 'ST02', gridCode: 'ST02-G01', categoryCode: '01', subcategoryCode: '01.01' }), counts: { filed: 3 } },
    { day: '2026-01-15', dims: countDims({ categoryCode: '99', subcategoryCode: '99.01' }), counts: { filed: 1 } },
  ];

  it('reads the week, the month and the time since launch once, then answers from the cache for 60 s', async () => {
    const world = memoryWorld({ clock: testClock('2026-03-12T10:00:00+08:00') });
    const { state, store } = countingStore(await foldedStore(days));
    const read = publicStats({ stats: store, reference: world.reference, now: world.clock.now });
    const first = await read();
    expect(state.reads).toBe(3);
    expect(first.periods.map((period) => [period.key, period.from, period.to, period.totals.filed])).toEqual([
      ['week', '2026-03-09', '2026-03-12', 2],
      ['month', '2026-03-01', '2026-03-12', 5],
      ['sinceLaunch', '2026-01-01', '2026-03-12', 6],
    ]);
    // A category gone from the catalog still counts, named as such, after the catalog's own.
    expect(first.periods[2]!.byCategory.at(-1)).toEqual({ code: '99', name: '其他大类（99）', filed: 1, closed: 0 });

    world.clock.advance(59_999);
    expect(await read()).toBe(first);
    world.clock.advance(1);
    await read();
    expect(state.reads).toBe(6);
  });

  it('does not keep a failed read', async () => {
    const world = memoryWorld({ clock: testClock('2026-03-12T10:00:00+08:00') });
    const { state, store } = countingStore(await foldedStore(days));
    const read = publicStats({ stats: store, reference: world.reference, now: world.clock.now });
    state.failNext = true;
    await expect(read()).rejects.toThrow('engine unavailable');
    expect((await read()).periods).toHaveLength(3);
  });
});
