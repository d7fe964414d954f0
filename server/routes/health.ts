import type Router from '@koa/router';
import { healthSchema, type Health } from '../../shared/api/health';
import type { AppDeps } from '../http/app';
import { describe } from '../openapi/describe';

/** `GET /api/health`: 200 when the database answers, 503 (same shape) when it does not. */
export function healthRoutes(router: Router, deps: Pick<AppDeps, 'useCases' | 'now'>): void {
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
    const { dbUp, engine } = await deps.useCases.health.check();
    ctx.status = dbUp ? 200 : 503;
    const hotline = deps.useCases.hotline?.status(deps.now()) as Health['hotline'];
    ctx.body = { status: dbUp ? 'ok' : 'degraded', db: dbUp ? 'ok' : 'down', engine, ...(hotline ? { hotline } : {}) } satisfies Health;
  });
}
