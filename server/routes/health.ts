import type Router from '@koa/router';
import { healthSchema, type Health } from '../../shared/api/health';
import type { Database } from '../db/connection';
import { pingDatabase } from '../db/connection';
import { describe } from '../openapi/describe';

/** `GET /api/health`: 200 when the database answers, 503 (same shape) when it does not. */
export function healthRoutes(router: Router, deps: { database: Database }): void {
  describe(router, {
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    summary: '健康检查',
    description: '数据库可用时 200，不可用时 503（同样的结构）。',
    tag: '系统',
    access: 'public',
    responses: { 200: { description: '服务正常', schema: healthSchema }, 503: { description: '数据库不可用', schema: healthSchema } },
    errors: [],
  });
  router.get('/api/health', async (ctx) => {
    const dbUp = await pingDatabase(deps.database);
    ctx.status = dbUp ? 200 : 503;
    ctx.body = { status: dbUp ? 'ok' : 'degraded', db: dbUp ? 'ok' : 'down', engine: deps.database.engine } satisfies Health;
  });
}
