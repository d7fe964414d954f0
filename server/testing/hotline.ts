import { shippedHotlineMapping } from '../../shared/hotline/mapping-data';
import type { HotlineChannel, WorkOrderInput } from '../../shared/hotline/work-order';
import type { HotlineCommandDeps } from '../commands/hotline';
import { mongoJobStore } from '../db/job-store';
import { startFakeHotlineCentre, type FakeCentre } from '../hotline/fake-centre';
import { hotlineSetup, type HotlineSetup } from '../hotline/setup';
import type { RetryPolicy } from '../jobs/backoff';
import type { JobRunner, RunnerLog } from '../jobs/runner';
import { caseCommandDeps, createEffectRunner } from '../wiring';
import { startTestApp, testClock, type TestApp } from './app';

const quiet: RunnerLog = { info: () => {}, error: () => {} };
export const testSecrets: Record<HotlineChannel, string> = { '12345': 'secret-12345-test', '12319': 'secret-12319-test' };

export interface HotlineTestWorld {
  app: TestApp;
  fake: FakeCentre;
  hotline: HotlineSetup;
  /** The job runner with the hotline handlers and the pull step. */
  runner(options?: { retry?: RetryPolicy; log?: RunnerLog }): JobRunner;
  /** The hotline use cases' ports over the test database. */
  deps(): HotlineCommandDeps;
  close(): Promise<void>;
}

/** The API on the demo district with both hotlines connected to a fake centre, on a Monday morning. */
export async function startHotlineWorld(label: string): Promise<HotlineTestWorld> {
  const clock = testClock('2026-11-30T09:00:00+08:00');
  const fake = await startFakeHotlineCentre({ secrets: testSecrets, mapping: shippedHotlineMapping, now: clock.now });
  let hotline: HotlineSetup | undefined;
  const app = await startTestApp({
    label,
    clock,
    hotline: (database) =>
      (hotline = hotlineSetup(database, {
        channels: {
          '12345': { baseUrl: fake.url, appKey: 'baohe', secret: testSecrets['12345'] },
          '12319': { baseUrl: fake.url, appKey: 'baohe', secret: testSecrets['12319'] },
        },
        mapping: shippedHotlineMapping,
        liveness: { maxConsecutiveFailures: 3, silentAfterMs: 60 * 60_000 },
        timeoutMs: 1_000,
        now: clock.now,
      })),
  });
  fake.connect(app.server.url);
  const setup = hotline!;
  return {
    app,
    fake,
    hotline: setup,
    runner: (options = {}) => createEffectRunner(app.database, app.reference, clock.now, options.log ?? quiet, { random: () => 0.5, hotline: setup, ...(options.retry ? { retry: options.retry } : {}) }),
    deps: () => ({ ...caseCommandDeps(app.database, app.reference, clock.now), jobs: mongoJobStore(app.database), ...setup }),
    close: async () => {
      await app.close();
      await fake.close();
    },
  };
}

let counter = 0;

/** A work order as a centre sends it: a 投诉 about rubbish in 包公街道, due in three days; numbers unique per run. */
export function buildOrder(channel: HotlineChannel, over: Partial<WorkOrderInput> = {}, now = new Date('2026-11-30T09:00:00+08:00')): WorkOrderInput {
  counter += 1;
  return {
    number: `${channel === '12345' ? 'HF' : 'CG'}2026113000${String(counter).padStart(3, '0')}`,
    channel,
    caller: { name: '张小明', phone: '13912345678', secret: false },
    type: '投诉',
    categoryCode: channel === '12345' ? '010101' : 'S0102',
    categoryPath: channel === '12345' ? ['城乡建设', '市容环卫', '暴露垃圾'] : ['事件', '市容环境', '暴露垃圾'],
    content: '望江路与徽州大道交口东北角垃圾堆放多日，无人清理，气味很大。',
    place: { district: '包河区', street: '包公街道', streetCode: 'ST01', address: '望江路与徽州大道交口' },
    urgency: '一般',
    receivedAt: now.toISOString(),
    deadline: new Date(now.getTime() + 3 * 24 * 3_600_000).toISOString(),
    replyRequired: true,
    callbackRequired: true,
    attachments: [],
    ...over,
  };
}
