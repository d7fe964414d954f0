import type { CaseChangedEvent } from '../commands/ports';
import type { RetryPolicy } from '../jobs/backoff';
import type { JobRunner, RunnerLog } from '../jobs/runner';
import { inProcessEventBus } from '../realtime/in-process-bus';
import { createEffectRunner, type WeChatSending } from '../wiring';
import type { TestApp } from './app';

const quiet: RunnerLog = { info: () => {}, error: () => {} };

/** The job runner on a test app's database and clock, with a bus whose events the test can read. */
export function testRunner(
  app: TestApp,
  options: { random?: () => number; retry?: RetryPolicy; owner?: string; leaseMs?: number; log?: RunnerLog; wechat?: WeChatSending } = {},
): JobRunner & { published: CaseChangedEvent[] } {
  const bus = inProcessEventBus();
  const published: CaseChangedEvent[] = [];
  bus.subscribe((event) => {
    if (event.type === 'case.changed') published.push(event);
  });
  // With `startTestApp({ wechat: true })` the runner sends WeChat messages through the app's fake.
  const { wechat: gateway } = app.wiring;
  const wechat = options.wechat ?? (gateway && { sender: gateway, messages: app.deps.config.wechat.messages, appId: app.deps.config.wechat.appId });
  const runner = createEffectRunner(app.database, app.reference, app.clock.now, options.log ?? quiet, { bus, random: options.random ?? (() => 0.5), ...options, ...(wechat ? { wechat } : {}) });
  return Object.assign(runner, { published });
}

/** Runs every effect the test's steps produced so far (and due clocks), until nothing is left. */
export async function drainEffects(app: TestApp): Promise<void> {
  await testRunner(app).drain();
}
