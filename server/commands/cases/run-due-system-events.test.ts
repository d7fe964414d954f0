import { describe, expect, it } from 'vitest';
import { fileCaseSchema } from '../../../shared/schemas/cases';
import { DAY_MS } from '../../../shared/time/calendar';
import { memoryWorld } from '../../testing/memory-world';

describe('a scheduler pass', () => {
  it('applies the warning, overdue and escalation once each, even with two passes racing', async () => {
    const world = memoryWorld();
    const input = fileCaseSchema.parse({ subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001' });
    const filed = await world.useCases.cases.file(world.actor('resident01'), input);
    world.clock.advance(30 * DAY_MS);

    world.gate.holdAfterFindDue(2);
    const passes = await Promise.all([world.useCases.cases.runDueSystemEvents(), world.useCases.cases.runDueSystemEvents()]);

    const stored = (await world.store.findById(filed.id))!;
    expect(stored.timeline.map((entry) => entry.type)).toEqual(['file', 'warn', 'overdue', 'auto_escalate']);
    expect(stored).toMatchObject({ version: 4, tier: 'district', supervised: true });
    expect(passes.map((pass) => pass.applied).sort()).toEqual([0, 3]);
    expect(passes.map((pass) => pass.skipped).sort()).toEqual([0, 1]);
    expect(await world.useCases.cases.runDueSystemEvents()).toMatchObject({ found: 0, applied: 0 });
  });
});
