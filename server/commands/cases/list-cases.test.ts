import { describe, expect, it } from 'vitest';
import { fileCaseSchema, listCasesSchema } from '../../../shared/schemas/cases';
import { HOUR_MS } from '../../../shared/time/calendar';
import { memoryWorld } from '../../testing/memory-world';

describe('listing cases', () => {
  it("shows a street dispatcher's inbox newest first, open cases of the street only, page by page", async () => {
    const world = memoryWorld();
    const file = async (compoundCode: string) => {
      world.clock.advance(HOUR_MS);
      const input = fileCaseSchema.parse({ subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode });
      return world.useCases.cases.file(world.actor('resident01'), input);
    };
    const own = [await file('C001'), await file('C002'), await file('C003')];
    const otherStreet = world.district.compounds.find((compound) => compound.streetCode === 'ST02')!;
    await file(otherStreet.code);
    const rejected = await file('C004');
    await world.useCases.cases.act(world.actor('street01'), rejected.id, 'reject', { reason: '不属于受理范围' });

    const first = await world.useCases.cases.list(world.actor('street01'), listCasesSchema.parse({ view: 'inbox', limit: '2' }));
    const second = await world.useCases.cases.list(world.actor('street01'), listCasesSchema.parse({ view: 'inbox', limit: '2', cursor: first.nextCursor }));
    expect([...first.items, ...second.items].map((record) => record.id)).toEqual(own.reverse().map((record) => record.id));
    expect(second.nextCursor).toBeNull();

    const closed = await world.useCases.cases.list(world.actor('street01'), listCasesSchema.parse({ view: 'inbox', group: 'closed' }));
    expect(closed.items.map((record) => record.id)).toEqual([rejected.id]);
  });

  it("refuses another street's list to a street dispatcher", async () => {
    const world = memoryWorld();
    await expect(world.useCases.cases.list(world.actor('street01'), listCasesSchema.parse({ view: 'street', streetCode: 'ST02' }))).rejects.toMatchObject({
      code: 'case.view_not_allowed',
    });
  });
});
