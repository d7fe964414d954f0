import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../testing/memory-world';
import { fileCaseSchema } from '../../../shared/schemas/cases';

/** Filing, on the in-memory store over the fixture district: no engine. */
const complaint = (overrides: Record<string, unknown> = {}) =>
  fileCaseSchema.parse({ subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001', ...overrides });

describe('filing a case', () => {
  it('stores a submitted case at the compound, numbered in the day sequence', async () => {
    const world = memoryWorld();
    const first = await world.useCases.cases.file(world.actor('resident01'), complaint());
    const second = await world.useCases.cases.file(world.actor('resident01'), complaint());

    expect(first).toMatchObject({ status: 'submitted', streetCode: 'ST01', compoundCode: 'C001', version: 1, number: 'BH20260309-000001' });
    expect(second.number).toBe('BH20260309-000002');
    expect(await world.store.findById(first.id)).toEqual(first);
  });

  it('locates a map point in its grid and street', async () => {
    const world = memoryWorld();
    const filed = await world.useCases.cases.file(world.actor('member0101'), complaint({ compoundCode: undefined, location: { lng: 117.2935, lat: 31.8395 } }));
    expect(filed).toMatchObject({ streetCode: 'ST01', gridCode: 'ST01-G01', source: 'grid_patrol' });
  });

  it('refuses an unknown subcategory, storing nothing and using up no case number', async () => {
    const world = memoryWorld();
    await expect(world.useCases.cases.file(world.actor('resident01'), complaint({ subcategoryCode: '99.99' }))).rejects.toMatchObject({ code: 'request.invalid', status: 400 });
    expect(world.store.size).toBe(0);
    expect((await world.useCases.cases.file(world.actor('resident01'), complaint())).number).toBe('BH20260309-000001');
  });

  it("refuses someone else's photo and leaves both the photo and the store untouched", async () => {
    const world = memoryWorld();
    const strangers = world.photos.upload('acct:resident02');
    await expect(world.useCases.cases.file(world.actor('resident01'), complaint({ photos: [strangers] }))).rejects.toMatchObject({ code: 'case.photos_unusable', status: 422 });
    expect(world.store.size).toBe(0);
    expect(world.photos.caseOf(strangers)).toBeNull();
  });

  it("attaches the reporter's own photos to the case", async () => {
    const world = memoryWorld();
    const own = world.photos.upload('acct:resident01');
    const filed = await world.useCases.cases.file(world.actor('resident01'), complaint({ photos: [own] }));
    expect(world.photos.caseOf(own)).toBe(filed.id);
  });

  it('refuses filing by a role that does not report', async () => {
    const world = memoryWorld();
    await expect(world.useCases.cases.file(world.actor('pm01'), complaint())).rejects.toMatchObject({ code: 'case.filing_not_allowed', status: 403 });
  });
});
