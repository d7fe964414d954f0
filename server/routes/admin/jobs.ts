import type Router from '@koa/router';
import { jobIdParamSchema, listJobsSchema } from '../../../shared/schemas/jobs';
import { listJobs, retryJob } from '../../commands/jobs';
import { actorOf } from '../../http/auth';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { presentJob } from '../../presenters/job';
import { jobCommandDeps } from '../../wiring';

/** The job queue for system administrators: failed jobs (dead letters) listed and retried. */
export function adminJobRoutes(router: Router, deps: AppDeps): void {
  const commands = jobCommandDeps(deps.database, deps.now);

  router.get('/api/v1/admin/jobs', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(listJobsSchema, ctx.query);
    const page = await listJobs(commands, actor, query);
    ctx.body = { items: page.items.map(presentJob), nextCursor: page.nextCursor };
  });

  router.post('/api/v1/admin/jobs/:id/retry', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(jobIdParamSchema, ctx.params);
    ctx.body = presentJob(await retryJob(commands, actor, id));
  });
}
