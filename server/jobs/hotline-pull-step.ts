import { hotlineChannels } from '../../shared/hotline/work-order';
import { pullNotices } from '../commands/hotline/pull-notices';
import { pullOrders } from '../commands/hotline/pull-orders';
import type { HotlineCommandDeps } from '../commands/hotline/take-in-order';
import type { HotlineLiveness } from '../hotline/liveness';
import type { PeriodicStep, RunnerLog } from './runner';

/** How often the centres are asked for new orders when no interval is configured. */
export const hotlinePullEveryMs = 60_000;

/** The pull of every configured hotline channel as a periodic step of the job runner; each channel's outcome feeds the liveness watch. */
export function hotlinePullStep(deps: HotlineCommandDeps, log: RunnerLog, liveness: HotlineLiveness, everyMs = hotlinePullEveryMs): PeriodicStep {
  return {
    name: 'hotline-pull',
    everyMs,
    async run() {
      let taken = 0;
      for (const channel of hotlineChannels) {
        if (!deps.centres[channel]) continue;
        try {
          const report = await pullOrders(deps, channel);
          const notices = await pullNotices(deps, channel);
          taken += report.taken + notices.applied;
          liveness.succeeded(channel, report.taken, deps.now());
          if (report.taken) log.info({ channel, taken: report.taken }, '热线：已拉取新工单');
          if (notices.applied) log.info({ channel, applied: notices.applied }, '热线：已处理拉取的通知');
          for (const refused of report.refused) log.error({ channel, ...refused }, '热线：工单无法立案，请人工处理');
          for (const refused of notices.refused) log.error({ channel, ...refused }, '热线：通知无法处理，请人工核对');
        } catch (error) {
          liveness.failed(channel, error, deps.now());
          log.error({ err: error, channel }, '热线：拉取工单失败，稍后重试');
        }
      }
      liveness.check(deps.now(), log);
      return taken > 0;
    },
  };
}
