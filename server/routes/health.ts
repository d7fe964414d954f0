import type Router from '@koa/router';
import type { Database } from '../db/connection';
import { pingDatabase } from '../db/connection';

/** `GET /api/health`: 200 when the database answers, 503 (same shape) when it does not. */
export function healthRoutes(router: Router, deps: { database: Database }): void {
  router.get('/api/health', async (ctx) => {
    const dbUp = await pingDatabase(deps.database);
    ctx.status = dbUp ? 200 : 503;
    ctx.body = { status: dbUp ? 'ok' : 'degraded', db: dbUp ? 'ok' : 'down', engine: deps.database.engine };
  });
}
