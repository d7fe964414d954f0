import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document } from 'mongodb';
import type { CaseRecord } from '../../shared/cases/types';
import { actOnCase, runDueSystemEvents, type CaseCommandDeps } from '../commands/cases';
import type { CaseStore, OutboxEntry } from '../commands/ports';
import { outboxEntriesOf } from '../commands/outbox';
import { mongoCaseStore } from '../db/case-store';
import { mongoPhotoPort } from '../db/photo-port';
import { startTestApp, type TestApp } from '../testing/app';
import { act, file } from '../testing/cases';
import { drainEffects, testRunner } from '../testing/jobs';
import { transition } from '../../shared/cases/machine';

/**
 * The outbox on the real engine: each case write (filing, event, clock step, merge) stores the
 * effects it produced in its own conditional update, a write that loses the race stores none, and
 * the runner turns every stored effect into exactly one visible result.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'outbox' });
});
afterAll(async () => app?.close());

const collection = (name: string) => app.database.connection.db!.collection(name);
const storedDoc = async (id: string) => (await collection('cases').findOne({ _id: id } as never)) as Document;
const outboxOf = async (id: string) => ((await storedDoc(id)).outbox ?? []) as OutboxEntry[];
const commands = (store: CaseStore = mongoCaseStore(app.database)): CaseCommandDeps => ({
  store,
  reference: app.reference,
  photos: mongoPhotoPort(app.database),
  now: app.clock.now,
});

/** A complaint about C001's property service: no photos needed, two working hours to accept. */
const fileComplaint = async (username = 'resident01') =>
  (await file(app, username, { subcategoryCode: '05.10', description: '物业长期不清理楼道，多次反映无人处理', compoundCode: 'C001' })).id as string;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('every case write stores its effects in the same update', () => {
  it('filing: the new case holds its effects, keyed caseId:1:index, in the order the machine gave them', async () => {
    const id = await fileComplaint();
    const outbox = await outboxOf(id);
    expect(outbox.map((entry) => entry.key)).toEqual([`${id}:1:0`, `${id}:1:1`, `${id}:1:2`, `${id}:1:3`]);
    expect(outbox.map((entry) => entry.effect.type)).toEqual(['notify', 'clock.started', 'stats.count', 'publish']);
    expect(outbox[0]!.context).toMatchObject({ streetCode: 'ST01', reporterId: (await app.actor('resident01')).id });
    expect((await storedDoc(id)).outboxSince).toBeInstanceOf(Date);
  });

  it('an event: its effects are added under the version it wrote, beside those not yet relayed', async () => {
    const id = await fileComplaint();
    await act(app, 'street01', id, 'accept');
    const keys = (await outboxOf(id)).map((entry) => entry.key);
    expect(keys.filter((key) => key.startsWith(`${id}:1:`))).toHaveLength(4);
    const accepted = (await outboxOf(id)).filter((entry) => entry.version === 2);
    expect(accepted.map((entry) => entry.effect.type)).toEqual(['notify', 'clock.stopped', 'clock.started', 'stats.count', 'publish']);
    expect(accepted.map((entry) => entry.key)).toEqual([0, 1, 2, 3, 4].map((index) => `${id}:2:${index}`));
  });

  it('a clock step: the warning written by the clock check stores its effects with it', async () => {
    const id = await fileComplaint();
    app.clock.advance(3 * 24 * 3600_000);
    const pass = await runDueSystemEvents(commands());
    expect(pass.applied).toBeGreaterThan(0);
    const stepped = (await outboxOf(id)).filter((entry) => entry.version > 1);
    expect(stepped.length).toBeGreaterThan(0);
    const record = (await mongoCaseStore(app.database).findById(id))!;
    // Every version the clock wrote has its publish effect: none was written without its effects.
    for (let version = 2; version <= record.version; version += 1) {
      expect(stepped.some((entry) => entry.version === version && entry.effect.type === 'publish'), `version ${version}`).toBe(true);
    }
  });

  it('a step that loses the version race stores no effect at all', async () => {
    const id = await fileComplaint();
    const store = mongoCaseStore(app.database);
    const stale = (await store.findById(id))!;
    await act(app, 'street01', id, 'accept');
    const late = transition(stale, { type: 'reject', reason: '重复' }, { actor: await app.actor('district'), now: app.clock.now(), subcategory: (await app.reference.entryOf(stale))!.subcategory, calendar: app.reference.calendar });
    if (!late.ok) throw new Error(late.error.message);
    expect(await store.replaceIfVersion(late.next, stale.version, outboxEntriesOf(late.next, late.effects, app.clock.now()))).toBe(false);
    const versions = (await outboxOf(id)).map((entry) => `${entry.version}:${entry.effect.type}`);
    // Version 2 is the accept's; the losing reject also produced a version 2, but none of its effects is there.
    expect(versions.filter((text) => text.startsWith('2:'))).toEqual(['2:notify', '2:clock.stopped', '2:clock.started', '2:stats.count', '2:publish']);
  });

  it('a merge stores its case.merged effect and leaves the target alone until the runner runs it', async () => {
    const target = await fileComplaint('resident02');
    await act(app, 'street01', target, 'accept');
    const duplicate = await fileComplaint('resident03');
    await drainEffects(app);
    const before = (await storedDoc(target)).followers as number;
    await act(app, 'street01', duplicate, 'merge', { intoCaseId: target });
    expect((await outboxOf(duplicate)).map((entry) => entry.effect)).toContainEqual({ type: 'case.merged', caseId: duplicate, intoCaseId: target });
    expect((await storedDoc(target)).followers).toBe(before);
    await drainEffects(app);
    expect((await storedDoc(target)).followers).toBe(before + 1);
    expect((await storedDoc(target)).followerIds).toContain((await app.actor('resident03')).id);
  });
});

describe('a merge and another step on the duplicate at the same instant (forced with a barrier)', () => {
  /** Both steps have read the duplicate before either writes; `first` is let through first. */
  async function race(first: 'merge' | 'reject') {
    const target = await fileComplaint('resident02');
    await act(app, 'street01', target, 'accept');
    const duplicate = await fileComplaint('resident03');
    await drainEffects(app);
    const followersBefore = (await storedDoc(target)).followers as number;
    const bothRead = deferred();
    const firstWritten = deferred();
    let arrived = 0;
    const inner = mongoCaseStore(app.database);
    const gated: CaseStore = {
      ...inner,
      async replaceIfVersion(next: CaseRecord, expected: number, outbox: readonly OutboxEntry[]) {
        arrived += 1;
        if (arrived === 2) bothRead.resolve();
        await bothRead.promise;
        const mine = next.status === 'merged' ? 'merge' : 'reject';
        if (mine !== first) await firstWritten.promise;
        try {
          return await inner.replaceIfVersion(next, expected, outbox);
        } finally {
          if (mine === first) firstWritten.resolve();
        }
      },
    };
    const deps = commands(gated);
    const outcomes = await Promise.allSettled([
      actOnCase(deps, await app.actor('street01'), duplicate, 'merge', { intoCaseId: target }),
      actOnCase(deps, await app.actor('district'), duplicate, 'reject', { reason: '信息不全' }),
    ]);
    await drainEffects(app);
    return { target, duplicate, followersBefore, outcomes };
  }

  it('the merge loses: the target never gains the follower, no case.merged job exists', async () => {
    const { target, duplicate, followersBefore, outcomes } = await race('reject');
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { code: 'case.version_conflict' } });
    expect(outcomes[1].status).toBe('fulfilled');
    expect((await storedDoc(duplicate)).status).toBe('rejected');
    expect((await storedDoc(target)).followers).toBe(followersBefore);
    expect(await collection('jobs').countDocuments({ caseId: duplicate, kind: 'case.merged' })).toBe(0);
  });

  it('the merge wins: the target gains exactly one follower, the losing reject left no job', async () => {
    const { target, duplicate, followersBefore, outcomes } = await race('merge');
    expect(outcomes[0].status).toBe('fulfilled');
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { code: 'case.version_conflict' } });
    expect((await storedDoc(target)).followers).toBe(followersBefore + 1);
    const jobs = await collection('jobs').find({ caseId: duplicate } as never).toArray();
    expect(jobs.filter((job) => job.kind === 'case.merged')).toHaveLength(1);
    // Only the filing (version 1) and the merge (version 2) produced jobs: the reject's version 2 never existed.
    expect(new Set(jobs.map((job) => String(job._id).split(':')[1]))).toEqual(new Set(['1', '2']));
    expect(jobs.every((job) => job.status === 'done')).toBe(true);
  });
});

describe('the runner', () => {
  it('relays every entry, runs it once and marks it done: outboxes emptied, messages and live events out', async () => {
    const id = await fileComplaint();
    await act(app, 'street01', id, 'accept');
    const runner = testRunner(app);
    await runner.drain();
    expect(await collection('cases').countDocuments({ outboxSince: { $ne: null } } as never)).toBe(0);
    expect(await collection('jobs').countDocuments({ status: { $ne: 'done' } } as never)).toBe(0);
    const jobs = await collection('jobs').find({ caseId: id } as never).toArray();
    expect(jobs).toHaveLength(9);
    expect(jobs.every((job) => job.attempts === 1)).toBe(true);
    // Filing tells the street centre; accepting tells the reporter.
    const messages = await collection('inbox_messages').find({ caseId: id } as never).toArray();
    expect(messages.map((message) => [message.effectKey, message.recipient]).sort()).toEqual(
      [[`${id}:1:0`, 'street:ST01'], [`${id}:2:0`, `account:${(await app.actor('resident01')).id}`]].sort(),
    );
    expect(messages.every((message) => typeof message.text === 'string' && message.text.includes('案件'))).toBe(true);
    expect(runner.published.filter((event) => event.caseId === id).map((event) => event.seq)).toEqual([1, 2]);
  });

  it('a job run again after a crash (before it was marked done) has no second visible result', async () => {
    const id = await fileComplaint();
    await drainEffects(app);
    const key = `${id}:1:0`;
    const messagesBefore = await collection('inbox_messages').countDocuments({ effectKey: key } as never);
    expect(messagesBefore).toBe(1);
    // As if the runner died after the handler wrote and before `complete`: the lease ran out.
    await collection('jobs').updateOne({ _id: key } as never, { $set: { status: 'pending', dueAt: app.clock.now() }, $inc: { version: 1 } });
    // As if the relay died after the insert and before clearing the case: the entries are back.
    const entries = (await collection('jobs').find({ caseId: id } as never).toArray()).map((job) => ({ key: job._id, caseId: id, version: 1, effect: job.effect, context: job.context, at: job.createdAt }));
    await collection('cases').updateOne({ _id: id } as never, { $set: { outbox: entries, outboxSince: app.clock.now() } });
    await drainEffects(app);
    expect(await collection('inbox_messages').countDocuments({ effectKey: key } as never)).toBe(1);
    expect(await collection('jobs').countDocuments({ caseId: id } as never)).toBe(4);
    expect(await outboxOf(id)).toEqual([]);
    expect((await collection('jobs').findOne({ _id: key } as never))!.status).toBe('done');
  });

  it('applies a merge once per key, however often its job runs', async () => {
    const target = await fileComplaint('resident02');
    await act(app, 'street01', target, 'accept');
    const duplicate = await fileComplaint('resident03');
    await act(app, 'street01', duplicate, 'merge', { intoCaseId: target });
    await drainEffects(app);
    const followers = (await storedDoc(target)).followers as number;
    const key = (await collection('jobs').findOne({ caseId: duplicate, kind: 'case.merged' } as never))!._id;
    for (let run = 0; run < 3; run += 1) {
      await collection('jobs').updateOne({ _id: key } as never, { $set: { status: 'pending', dueAt: app.clock.now() }, $inc: { version: 1 } });
      await drainEffects(app);
    }
    expect((await storedDoc(target)).followers).toBe(followers);
    expect((await storedDoc(target)).appliedEffectKeys).toEqual([key]);
  });

  it('delivers each audience to its inboxes: units and reporter on dispatch, reporter and followers on progress', async () => {
    const id = await fileComplaint();
    const follow = await app.server.request('POST', `/api/v1/cases/${id}/follow`, { token: await app.token('resident02') });
    expect(follow.status).toBe(200);
    await act(app, 'street01', id, 'accept');
    await act(app, 'street01', id, 'dispatch', {
      leadUnitCode: 'U-PM-030',
      leadUnitType: 'property_company',
      cohandlers: [{ unitCode: 'U-ST01-MARKET', unitType: 'market_supervision' }],
    });
    await act(app, 'pm01', id, 'claim');
    await act(app, 'pm01', id, 'progress', { note: '已约谈保洁公司' });
    await drainEffects(app);
    const recipientsAt = async (version: number) =>
      (await collection('inbox_messages').find({ caseId: id, effectKey: { $regex: `^${id}:${version}:` } } as never).toArray()).map((message) => message.recipient).sort();
    const [reporter, follower] = [(await app.actor('resident01')).id, (await app.actor('resident02')).id];
    expect(await recipientsAt(3)).toEqual([`account:${reporter}`, 'unit:U-PM-030', 'unit:U-ST01-MARKET'].sort());
    expect(await recipientsAt(5)).toEqual([`account:${reporter}`, `account:${follower}`].sort());
  });
});
