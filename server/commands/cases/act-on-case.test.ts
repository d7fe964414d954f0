import { describe, expect, it } from 'vitest';
import { fileCaseSchema } from '../../../shared/schemas/cases';
import { memoryWorld } from '../../testing/memory-world';

/** Lifecycle events through the use case, on the in-memory store over the fixture district. */
async function submitted(world: ReturnType<typeof memoryWorld>) {
  const input = fileCaseSchema.parse({ subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001' });
  return world.useCases.cases.file(world.actor('resident01'), input);
}

describe('acting on a case', () => {
  it('applies an allowed event as the next version with one more timeline entry', async () => {
    const world = memoryWorld();
    const filed = await submitted(world);
    const { record } = await world.useCases.cases.act(world.actor('street01'), filed.id, 'accept', { note: '受理' });
    expect(record).toMatchObject({ status: 'accepted', version: 2 });
    expect((await world.store.findById(filed.id))?.timeline.map((entry) => entry.type)).toEqual(['file', 'accept']);
  });

  it('tells a refused actor they may not act before looking at what they sent', async () => {
    const world = memoryWorld();
    const filed = await submitted(world);
    // The body is invalid too; the answer must be about the actor, not the body.
    await expect(world.useCases.cases.act(world.actor('traffic01'), filed.id, 'accept', { note: 42 })).rejects.toMatchObject({ code: 'case.forbidden', status: 403 });
    await expect(world.useCases.cases.act(world.actor('street01'), filed.id, 'accept', { note: 42 })).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a stale expected version with 409 and the current version, writing nothing', async () => {
    const world = memoryWorld();
    const filed = await submitted(world);
    await world.useCases.cases.act(world.actor('street01'), filed.id, 'accept', {});
    await expect(world.useCases.cases.act(world.actor('street01'), filed.id, 'urge', {}, 1)).rejects.toMatchObject({
      code: 'case.version_conflict',
      details: { currentVersion: 2 },
    });
    expect((await world.store.findById(filed.id))?.version).toBe(2);
  });

  it('refuses a dispatch to a unit of another street with 422, writing nothing', async () => {
    const world = memoryWorld();
    const filed = await submitted(world);
    await world.useCases.cases.act(world.actor('street01'), filed.id, 'accept', {});
    await expect(
      world.useCases.cases.act(world.actor('street01'), filed.id, 'dispatch', { leadUnitCode: 'U-ST02-TRAFFIC', leadUnitType: 'traffic_police' }),
    ).rejects.toMatchObject({ code: 'case.unknown_unit', status: 422 });
    expect((await world.store.findById(filed.id))?.status).toBe('accepted');
  });

  it('lets one of two dispatchers who read the same version win; the other gets a version conflict', async () => {
    const world = memoryWorld();
    const filed = await submitted(world);
    world.gate.holdWrites(2);
    const outcomes = await Promise.allSettled([
      world.useCases.cases.act(world.actor('street01'), filed.id, 'accept', {}),
      world.useCases.cases.act(world.actor('district'), filed.id, 'reject', { reason: '不属于受理范围' }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'case.version_conflict', status: 409 });
    expect((await world.store.findById(filed.id))?.timeline).toHaveLength(2);
  });

  it('merging leaves the follower change to the outbox, written with the merge itself', async () => {
    const world = memoryWorld();
    const target = await submitted(world);
    const duplicate = await world.useCases.cases.file(
      world.actor('resident03'),
      fileCaseSchema.parse({ subcategoryCode: '05.10', description: '楼道垃圾无人清理，请物业处理', compoundCode: 'C001' }),
    );
    await world.useCases.cases.act(world.actor('street01'), target.id, 'accept', {});
    await world.useCases.cases.act(world.actor('street01'), duplicate.id, 'merge', { intoCaseId: target.id });
    expect(await world.store.findById(duplicate.id)).toMatchObject({ status: 'merged', mergedInto: target.id });
    const pending = (await world.store.outbox.findPending(100)).find((entry) => entry.caseId === duplicate.id)!;
    expect(pending.entries.filter((entry) => entry.effect.type === 'case.merged')).toEqual([
      expect.objectContaining({ key: expect.stringMatching(new RegExp(`^${duplicate.id}:2:\\d+$`)), effect: expect.objectContaining({ intoCaseId: target.id }) }),
    ]);
    // The target gains the follower when the job runs, not before the merge is stored.
    expect((await world.store.findById(target.id))?.followers).toBe(0);
  });
});
