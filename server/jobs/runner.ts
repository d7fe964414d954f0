import type { CaseOutbox, Job, JobEffect, JobStore } from '../commands/ports';
import { afterFailure, defaultRetryPolicy, PermanentJobError, type RetryPolicy } from './backoff';
import type { HandlerDeps, HandlerRegistry, JobHandler } from './handlers';
import { defaultLeaseMs } from './lease';

/** A step the runner takes every `everyMs` besides the queue: the clock check is one. */
export interface PeriodicStep {
  name: string;
  everyMs: number;
  /** Answers whether it did something (then the runner looks at the queue again at once). */
  run(): Promise<boolean>;
}

export interface RunnerLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface RunnerOptions {
  outbox: CaseOutbox;
  jobs: JobStore;
  handlers: HandlerRegistry;
  handlerDeps: HandlerDeps;
  /** Unique per runner (see lease.ts): whose lease a job is under. */
  owner: string;
  now: () => Date;
  /** In [0, 1), for the backoff's jitter. */
  random: () => number;
  log: RunnerLog;
  periodic?: PeriodicStep[];
  retry?: RetryPolicy;
  leaseMs?: number;
  /** How often the queue is looked at without a wake-up: other processes' writes, backoffs, lost leases. */
  pollMs?: number;
  /** Cases relayed and jobs taken per query. */
  batch?: number;
}

/** What one pass did. */
export interface PassReport {
  relayed: number;
  done: number;
  retried: number;
  parked: number;
  periodic: number;
}

export interface JobRunner {
  /** Starts the loop; it runs until `stop`. */
  start(): void;
  /** Ends the loop after the job in hand (its outcome is recorded); resolves when it has. */
  stop(): Promise<void>;
  /** One pass: relay pending outbox entries, run due jobs, run due periodic steps. */
  runOnce(): Promise<PassReport>;
  /** Passes until one finds nothing to do (tests; a clock that does not move keeps backoffs waiting). */
  drain(maxPasses?: number): Promise<PassReport>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * The job runner: one loop inside `npm start`.
 *
 * 1. Relay: cases holding outbox entries (one indexed query) have them copied into the job queue
 *    (`_id` = entry key, so a second copy fails with 11000), then removed from the case under a
 *    version guard (a case that moved on keeps them, and the next pass copies again, harmlessly).
 * 2. Jobs: due jobs (one indexed query) are leased one by one (conditional on the job's version),
 *    run by the handler of their kind and marked done under the lease's version. A failure is
 *    retried after an exponential backoff with jitter; after the policy's last attempt the job is
 *    parked as failed for an admin. A runner that dies holding a lease loses it when it runs out;
 *    the job is then due again and runs again, which handlers make harmless (idempotent by key).
 * 3. Periodic steps (the clock check), each at its own interval.
 *
 * It sleeps between passes until the poll interval, a periodic step or a write of this process
 * (the case store signals it) wakes it.
 */
export function createJobRunner(options: RunnerOptions): JobRunner {
  const { outbox, jobs, handlers, handlerDeps, owner, now, random, log } = options;
  const retry = options.retry ?? defaultRetryPolicy;
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const pollMs = options.pollMs ?? 5_000;
  const batch = options.batch ?? 50;
  const periodic = (options.periodic ?? []).map((step) => ({ step, nextAt: 0 }));

  let stopped = true;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let woken = false;
  let unsubscribe: (() => void) | undefined;

  async function relay(): Promise<number> {
    const pending = await outbox.findPending(batch);
    if (!pending.length) return 0;
    // One insert for the whole batch; every case is cleared only after its entries are in.
    await jobs.enqueue(pending.flatMap((one) => one.entries), now());
    let relayed = 0;
    for (const { caseId, version, entries } of pending) {
      if (await outbox.clearRelayed(caseId, version)) relayed += entries.length;
    }
    return relayed;
  }

  async function runJob(job: Job, report: PassReport): Promise<void> {
    const leased = await jobs.lease(job, owner, now(), leaseMs);
    if (!leased) return;
    // More runs started than allowed: the earlier ones died mid-run (a job that kills its process).
    if (leased.attempts > retry.maxAttempts) {
      if (await jobs.park(leased, leased.lastError ?? '处理过程中进程多次中断', now())) report.parked += 1;
      return;
    }
    const handler = handlers[leased.kind] as JobHandler<JobEffect['type']> | undefined;
    try {
      if (!handler) throw new Error(`没有处理 ${leased.kind} 的程序`);
      await handler(leased as never, handlerDeps);
    } catch (error) {
      const next = error instanceof PermanentJobError ? ({ park: true } as const) : afterFailure(leased.attempts, now(), random, retry);
      log.error({ err: error, jobId: leased.id, kind: leased.kind, attempts: leased.attempts }, next.park ? '任务多次失败，已转入失败列表' : '任务失败，稍后重试');
      if (next.park) {
        if (await jobs.park(leased, errorText(error), now())) report.parked += 1;
      } else if (await jobs.reschedule(leased, next.dueAt, errorText(error), now())) {
        report.retried += 1;
      }
      return;
    }
    if (await jobs.complete(leased, now())) report.done += 1;
  }

  async function runOnce(): Promise<PassReport> {
    const report: PassReport = { relayed: 0, done: 0, retried: 0, parked: 0, periodic: 0 };
    report.relayed = await relay();
    for (const job of await jobs.findDue(now(), batch)) {
      if (stopped && loop) break;
      await runJob(job, report);
    }
    for (const entry of periodic) {
      const at = now().getTime();
      if (at < entry.nextAt) continue;
      entry.nextAt = at + entry.step.everyMs;
      try {
        if (await entry.step.run()) report.periodic += 1;
      } catch (error) {
        log.error({ err: error, step: entry.step.name }, '周期任务失败，下次重试');
      }
    }
    return report;
  }

  const busy = (report: PassReport) => report.relayed + report.done + report.retried + report.parked + report.periodic > 0;

  function sleep(ms: number): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        woken = false;
        resolve();
      }
      wake = done;
    });
  }

  function nudge(): void {
    if (wake) wake();
    else woken = true;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribe = outbox.onWritten(nudge);
      loop = (async () => {
        while (!stopped) {
          let report: PassReport | undefined;
          try {
            report = await runOnce();
          } catch (error) {
            log.error({ err: error }, '任务队列处理失败，稍后重试');
          }
          if (stopped) break;
          if (report && busy(report)) continue;
          const nextPeriodic = Math.min(...periodic.map((entry) => entry.nextAt - now().getTime()), pollMs);
          await sleep(Math.max(10, nextPeriodic));
        }
      })();
    },

    async stop() {
      stopped = true;
      unsubscribe?.();
      nudge();
      await loop;
      loop = undefined;
    },

    runOnce,

    async drain(maxPasses = 100) {
      const total: PassReport = { relayed: 0, done: 0, retried: 0, parked: 0, periodic: 0 };
      for (let pass = 0; pass < maxPasses; pass += 1) {
        const report = await runOnce();
        for (const key of Object.keys(total) as (keyof PassReport)[]) total[key] += report[key];
        if (!busy(report)) return total;
      }
      throw new Error(`the job queue did not drain in ${maxPasses} passes`);
    },
  };
}
