import { describe, expect, it } from 'vitest';
import { fileCaseSchema } from '../../shared/schemas/cases';
import { memoryWorld } from '../testing/memory-world';
import { districtFigures, summarise } from './figures';
import type { FigureSource } from './ports';

const complaint = fileCaseSchema.parse({ subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001' });

/** The world's figure source, counting how often it is asked and failing on demand. */
function countingSource(source: FigureSource) {
  const state = { calls: 0, failNext: false };
  const counting: FigureSource = {
    async tally(since) {
      state.calls += 1;
      if (state.failNext) {
        state.failNext = false;
        throw new Error('engine unavailable');
      }
      return source.tally(since);
    },
  };
  return { state, source: counting };
}

describe('districtFigures: the count behind GET /api/v1/figures', () => {
  it('counts the three periods once and answers from the cache for 60 s of the clock it is given', async () => {
    const world = memoryWorld();
    const { state, source } = countingSource(world.store.figures);
    const figures = districtFigures({ source, reference: world.reference, now: world.clock.now });
    await world.useCases.cases.file(world.actor('resident01'), complaint);

    const first = await figures();
    expect(state.calls).toBe(3);
    expect(first.week.totals.reported).toBe(1);

    await world.useCases.cases.file(world.actor('resident01'), complaint);
    world.clock.advance(59_999);
    expect(await figures()).toBe(first);
    expect(state.calls).toBe(3);

    world.clock.advance(1);
    const second = await figures();
    expect(state.calls).toBe(6);
    expect(second.week.totals.reported).toBe(2);
    expect(second.at).toEqual(world.clock.now());
  });

  it('shares one count among requests that arrive while it runs', async () => {
    const world = memoryWorld();
    const { state, source } = countingSource(world.store.figures);
    const figures = districtFigures({ source, reference: world.reference, now: world.clock.now });
    const answers = await Promise.all([figures(), figures(), figures()]);
    expect(state.calls).toBe(3);
    expect(new Set(answers).size).toBe(1);
  });

  it('does not keep a failed count, and counts again when the clock is set back', async () => {
    const world = memoryWorld();
    const { state, source } = countingSource(world.store.figures);
    const figures = districtFigures({ source, reference: world.reference, now: world.clock.now });
    state.failNext = true;
    await expect(figures()).rejects.toThrow('engine unavailable');
    await figures();
    const callsAfterRecovery = state.calls;

    world.clock.advance(-1_000);
    await figures();
    expect(state.calls).toBe(callsAfterRecovery + 3);
  });
});

describe('summarise', () => {
  const categories = [
    { code: '01', name: '市容环境' },
    { code: '05', name: '物业管理' },
  ];
  const streets = [{ code: 'ST01', name: '包公街道' }];
  const tally = (streetCode: string, categoryCode: string, reported: number, closed: number) => ({ streetCode, categoryCode, reported, closed, closedOnTime: closed, ratings: 0, satisfactionSum: 0 });

  it('keeps every named category and street (zeros included) in their order, then codes no longer named', () => {
    const period = summarise([tally('ST01', '05', 3, 1), tally('ST09', '12', 2, 2), tally('ST01', '05', 1, 0)], null, categories, streets);
    expect(period.totals).toEqual({ reported: 6, closed: 3, closedOnTime: 3, ratings: 0, satisfactionSum: 0 });
    expect(period.byCategory).toEqual([
      { code: '01', name: '市容环境', reported: 0, closed: 0 },
      { code: '05', name: '物业管理', reported: 4, closed: 1 },
      { code: '12', name: '其他大类（12）', reported: 2, closed: 2 },
    ]);
    expect(period.byStreet).toEqual([
      { code: 'ST01', name: '包公街道', reported: 4, closed: 1 },
      { code: 'ST09', name: 'ST09', reported: 2, closed: 2 },
    ]);
  });
});
