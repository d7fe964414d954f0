import type { Logger } from 'pino';
import { runDueSystemEvents, type CaseCommandDeps } from './commands/cases';

/**
 * Runs the clock scan every `intervalMs`. All state is in the database (each case's `nextCheckAt`),
 * so a restart loses nothing, and several processes may run it at once: each step is conditional
 * on the version read, so none is applied twice.
 */
export function startScheduler(commands: CaseCommandDeps, options: { intervalMs: number; logger: Logger }): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        // Drain in batches so a backlog after downtime is caught up within one tick.
        for (;;) {
          const pass = await runDueSystemEvents(commands, 100, (caseId, error) => options.logger.error({ err: error, caseId }, '时限检查：案件处理失败'));
          if (pass.applied > 0) options.logger.info(pass, '时限检查：已处理到期节点');
          // A full batch with progress may hide more; anything else waits for the next tick.
          if (pass.found < 100 || pass.applied === 0) break;
        }
      } catch (error) {
        options.logger.error({ err: error }, '时限检查失败，下次重试');
      } finally {
        running = undefined;
      }
    })();
  };
  const timer = setInterval(tick, options.intervalMs);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
