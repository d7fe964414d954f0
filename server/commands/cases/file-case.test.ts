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

describe('filing under an idempotency key', () => {
  const key = '3f2c9a4e-7b1d-4c2e-9f0a-5d6b8e1c2a3f';

  it('answers a retry with the case filed first, filing nothing and numbering nothing more', async () => {
    const world = memoryWorld();
    const first = await world.useCases.cases.fileOnce(world.actor('resident01'), complaint(), key);
    const retry = await world.useCases.cases.fileOnce(world.actor('resident01'), complaint(), key);

    expect(first.replayed).toBe(false);
    expect(retry).toEqual({ record: first.record, replayed: true });
    expect(world.store.size).toBe(1);
    expect((await world.useCases.cases.file(world.actor('resident01'), complaint())).number).toBe('BH20260309-000002');
  });

  it('treats the same request written differently (spacing, key order, defaults spelled out) as the same request', async () => {
    const world = memoryWorld();
    const first = await world.useCases.cases.fileOnce(world.actor('resident01'), complaint(), key);
    const respelled = fileCaseSchema.parse({ anonymous: false, photos: [], compoundCode: 'C001', description: '  物业长期不清理楼道，多次反映无人处理 ', subcategoryCode: '05.10' });
    expect(await world.useCases.cases.fileOnce(world.actor('resident01'), respelled, key)).toEqual({ record: first.record, replayed: true });
  });

  it('files once when five requests with one key race past the check for an earlier filing, stores the effects once, and answers each with that case', async () => {
    const world = memoryWorld();
    const own = world.photos.upload('acct:resident01');
    world.gate.holdInserts(5);
    const answers = await Promise.all(Array.from({ length: 5 }, () => world.useCases.cases.fileOnce(world.actor('resident01'), complaint({ photos: [own] }), key)));

    expect(world.store.size).toBe(1);
    const ids = new Set(answers.map((answer) => answer.record.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    const [id] = ids;
    // The losers claimed the same photo for the same id: giving it back would strip it from the winner.
    expect(world.photos.caseOf(own)).toBe(id);
    const pending = await world.store.outbox.findPending(10);
    expect(pending.map((entry) => entry.caseId)).toEqual([id]);
    expect(new Set(pending[0]!.entries.map((entry) => entry.key)).size).toBe(pending[0]!.entries.length);
  });

  it('refuses the same key with a different request (422 case.idempotency_key_reused), also when that request lost a race, giving back only its own photos', async () => {
    const world = memoryWorld();
    await world.useCases.cases.fileOnce(world.actor('resident01'), complaint(), key);
    await expect(world.useCases.cases.fileOnce(world.actor('resident01'), complaint({ description: '楼道堆放杂物，存在消防隐患' }), key)).rejects.toMatchObject({
      code: 'case.idempotency_key_reused',
      status: 422,
      details: { fields: { 'Idempotency-Key': [expect.any(String)] } },
    });

    const racing = memoryWorld();
    const shared = racing.photos.upload('acct:resident01');
    const onlyMine = racing.photos.upload('acct:resident01');
    racing.gate.holdInserts(2);
    const outcomes = await Promise.allSettled([
      racing.useCases.cases.fileOnce(racing.actor('resident01'), complaint({ photos: [shared] }), key),
      racing.useCases.cases.fileOnce(racing.actor('resident01'), complaint({ photos: [shared, onlyMine], description: '楼道堆放杂物，存在消防隐患' }), key),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const stored = outcomes.find((outcome) => outcome.status === 'fulfilled')!.value.record;
    expect(racing.store.size).toBe(1);
    expect(stored.photos).toEqual([shared]);
    expect(racing.photos.caseOf(shared)).toBe(stored.id);
    expect(racing.photos.caseOf(onlyMine)).toBeNull();
  });

  it("files separate cases for the same key from different accounts, and for different keys from one account", async () => {
    const world = memoryWorld();
    const mine = await world.useCases.cases.fileOnce(world.actor('resident01'), complaint(), key);
    const hers = await world.useCases.cases.fileOnce(world.actor('resident02'), complaint(), key);
    const again = await world.useCases.cases.fileOnce(world.actor('resident01'), complaint(), `${key}-2`);

    expect(hers.replayed).toBe(false);
    expect(again.replayed).toBe(false);
    expect(new Set([mine.record.id, hers.record.id, again.record.id]).size).toBe(3);
    expect(hers.record.reporter.accountId).toBe('acct:resident02');
    expect(world.store.size).toBe(3);
  });

  it('files again after a refused attempt with the same key: a refusal stores nothing to replay', async () => {
    const world = memoryWorld();
    await expect(world.useCases.cases.fileOnce(world.actor('resident01'), complaint({ subcategoryCode: '99.99' }), key)).rejects.toMatchObject({ status: 400 });
    const filed = await world.useCases.cases.fileOnce(world.actor('resident01'), complaint(), key);
    expect(filed.replayed).toBe(false);
  });
});
