import type Router from '@koa/router';
import type { AppDeps } from '../http/app';

/** `GET /api/health`: 200 when the database answers, 503 (same shape) when it does not. */
export function healthRoutes(router: Router, deps: Pick<AppDeps, 'useCases'>): void {
  router.get('/api/health', async (ctx) => {
    const { dbUp, engine } = await deps.useCases.health.check();
    ctx.status = dbUp ? 200 : 503;
    ctx.body = { status: dbUp ? 'ok' : 'degraded', db: dbUp ? 'ok' : 'down', engine };
  });
}
