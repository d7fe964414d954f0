import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../commands/ports';
import { mongoCaseFollowers, mongoCaseOutbox } from '../db/case-store';
import { mongoJobStore } from '../db/job-store';
import { mongoInboxStore } from '../db/inbox-store';
import { mongoStatsStore } from '../db/stats-store';
import { startTestApp, type TestApp } from '../testing/app';
import { inProcessEventBus } from '../realtime/in-process-bus';
import { afterFailure, backoffMs, type RetryPolicy } from './backoff';
import { effectHandlers } from './handlers';
import { createJobRunner } from './runner';

/** The job queue's lease, retry with backoff and dead letters, on the real engine with a hand-moved clock. */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'runner' });
});
afterAll(async () => app?.close());

let serial = 0;
/** A synthetic outbox entry of a case that does not exist: its publish job needs no case. */
function entry(kind: 'publish' | 'case.merged' = 'publish'): OutboxEntry {
  serial += 1;
  const caseId = `runnertest${serial}`;
  const effect = kind === 'publish' ? { type: 'publish' as const, caseId, seq: 1 } : { type: 'case.merged' as const, caseId, intoCaseId: 'nowhere' };
  return { key: `${caseId}:1:0`, caseId, version: 1, effect, context: { number: `BH-${serial}`, title: '测试', reporterId: 'r', streetCode: 'ST01', tier: 'street', cohandlerUnitCodes: [] }, at: app.clock.now() };
}

describe('backoff', () => {
  const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 6_000 };
  it.each([
    { attempt: 1, random: 0, ms: 500 },
    { attempt: 1, random: 0.999, ms: 1_000 },
    { attempt: 2, random: 0.5, ms: 1_500 },
    { attempt: 3, random: 0, ms: 2_000 },
    { attempt: 4, random: 0.5, ms: 4_500 },
    // Capped: 8 s nominal becomes 6 s, of which the upper half is jitter.
    { attempt: 5, random: 0, ms: 3_000 },
    { attempt: 9, random: 0.999, ms: 5_997 },
  ])('attempt $attempt with random $random waits $ms ms', ({ attempt, random, ms }) => {
    expect(backoffMs(attempt, () => random, policy)).toBe(ms);
  });

  it('parks after the last attempt and schedules every earlier one', () => {
    const now = new Date('2026-03-09T01:00:00Z');
    expect(afterFailure(4, now, () => 0, policy)).toEqual({ park: false, dueAt: new Date(now.getTime() + 3_000) });
    expect(afterFailure(5, now, () => 0, policy)).toEqual({ park: true });
  });
});

describe('the lease', () => {
  it('keeps a job from a second runner until it runs out; the first runner then cannot record an outcome', async () => {
    const jobs = mongoJobStore(app.database);
    const queued = entry();
    await jobs.enqueue([queued], app.clock.now());
    const due = (await jobs.findDue(app.clock.now(), 100)).find((job) => job.id === queued.key)!;
    const first = await jobs.lease(due, 'runner-a', app.clock.now(), 30_000);
    expect(first).toMatchObject({ leaseOwner: 'runner-a', attempts: 1 });
    // The second runner read it at the same time: its lease is refused (the version moved).
    expect(await jobs.lease(due, 'runner-b', app.clock.now(), 30_000)).toBeUndefined();
    expect((await jobs.findDue(app.clock.now(), 100)).map((job) => job.id)).not.toContain(queued.key);

    app.clock.advance(30_001);
    const again = (await jobs.findDue(app.clock.now(), 100)).find((job) => job.id === queued.key)!;
    const second = await jobs.lease(again, 'runner-b', app.clock.now(), 30_000);
    expect(second).toMatchObject({ leaseOwner: 'runner-b', attempts: 2 });
    expect(await jobs.complete(first!, app.clock.now())).toBe(false);
    expect(await jobs.complete(second!, app.clock.now())).toBe(true);
    expect(await jobs.complete(second!, app.clock.now())).toBe(false);
    expect(await jobs.findById(queued.key)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('enqueues an entry once however often it is relayed', async () => {
    const jobs = mongoJobStore(app.database);
    const queued = [entry(), entry()];
    await jobs.enqueue([queued[0]!], app.clock.now());
    await jobs.enqueue(queued, app.clock.now());
    await jobs.enqueue(queued, app.clock.now());
    const ids = queued.map((one) => one.key);
    expect(await app.database.connection.db!.collection('jobs').countDocuments({ _id: { $in: ids } } as never)).toBe(2);
  });
});

describe('retry and dead letters', () => {
  it('retries a failing job on the backoff schedule, then parks it as failed with the last error', async () => {
    const failing = entry('case.merged');
    const jobs = mongoJobStore(app.database);
    await jobs.enqueue([failing], app.clock.now());
    const randoms = [0, 0.5, 0.25];
    const runner = createJobRunner({
      outbox: mongoCaseOutbox(app.database),
      jobs,
      handlers: effectHandlers,
      handlerDeps: { followers: mongoCaseFollowers(app.database), inbox: mongoInboxStore(app.database), bus: inProcessEventBus(), jobs, stats: mongoStatsStore(app.database), now: app.clock.now },
      owner: 'runner-test',
      now: app.clock.now,
      random: () => randoms.shift() ?? 0,
      log: { info: () => {}, error: () => {} },
      retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 },
    });
    const waits: number[] = [];
    for (let run = 1; run <= 3; run += 1) {
      const before = app.clock.now().getTime();
      await runner.drain();
      const job = (await jobs.findById(failing.key))!;
      expect(job).toMatchObject({ status: 'pending', attempts: run });
      expect(job.lastError).toContain('合并来源案件');
      waits.push(job.dueAt.getTime() - before);
      // Not due before its time: nothing runs a millisecond early.
      app.clock.set(new Date(job.dueAt.getTime() - 1));
      await runner.drain();
      expect((await jobs.findById(failing.key))!.attempts).toBe(run);
      app.clock.advance(1);
    }
    expect(waits).toEqual([500, 1_500, 2_500]);
    await runner.drain();
    expect(await jobs.findById(failing.key)).toMatchObject({ status: 'failed', attempts: 4 });
    app.clock.advance(3_600_000);
    await runner.drain();
    expect(await jobs.findById(failing.key)).toMatchObject({ status: 'failed', attempts: 4 });
  });

  it('parks a job whose runs keep dying mid-run (leases that run out), without running it again', async () => {
    const poison = entry();
    const jobs = mongoJobStore(app.database);
    await jobs.enqueue([poison], app.clock.now());
    for (let run = 0; run < 4; run += 1) {
      const due = (await jobs.findDue(app.clock.now(), 100)).find((job) => job.id === poison.key)!;
      expect(await jobs.lease(due, `dying-${run}`, app.clock.now(), 1_000)).toBeDefined();
      app.clock.advance(1_001);
    }
    const published: string[] = [];
    const bus = inProcessEventBus();
    bus.subscribe((event) => published.push(event.key));
    const runner = createJobRunner({
      outbox: mongoCaseOutbox(app.database),
      jobs,
      handlers: effectHandlers,
      handlerDeps: { followers: mongoCaseFollowers(app.database), inbox: mongoInboxStore(app.database), bus, jobs, stats: mongoStatsStore(app.database), now: app.clock.now },
      owner: 'runner-test',
      now: app.clock.now,
      random: () => 0,
      log: { info: () => {}, error: () => {} },
      retry: { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 },
    });
    await runner.drain();
    expect(await jobs.findById(poison.key)).toMatchObject({ status: 'failed', attempts: 5 });
    expect(published).not.toContain(poison.key);
  });
});
