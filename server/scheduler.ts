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
          const { applied, skipped } = await runDueSystemEvents(commands, 100);
          if (applied > 0) options.logger.info({ applied, skipped }, '时限检查：已处理到期节点');
          if (applied + skipped < 100) break;
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
