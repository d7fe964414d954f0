import type Router from '@koa/router';
import { jobIdParamSchema, jobPageSchema, jobViewSchema, listJobsSchema } from '../../../shared/schemas/jobs';
import { describe } from '../../openapi/describe';
import { actorOf } from '../../http/auth';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { presentJob } from '../../presenters/job';

/** The job queue for system administrators: failed jobs (dead letters) listed and retried. */
export function adminJobRoutes(router: Router, deps: AppDeps): void {
  const { jobs } = deps.useCases;

  describe(router, {
    method: 'get',
    path: '/api/v1/admin/jobs',
    operationId: 'listJobs',
    summary: '后台任务列表（系统管理员）',
    description:
      '案件每一步产生的后续任务（站内通知、实时推送、合并后的关注等）。默认列出已失败、等待人工重试的任务；按状态变化时间倒序，游标翻页。' +
      '仅系统管理员可用（其他身份 403 job.forbidden）；翻页标记无效 422（list.invalid_cursor）。',
    tag: '后台任务',
    access: 'signed_in',
    request: { query: { schema: listJobsSchema, descriptions: { status: '任务状态：pending、done、failed（默认）', limit: '每页条数，1–100', cursor: '翻页标记：上一页返回的 nextCursor' } } },
    responses: { 200: { description: '一页任务：{ items, nextCursor }', schema: jobPageSchema } },
    errors: [403, 422],
  });
  router.get('/api/v1/admin/jobs', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(listJobsSchema, ctx.query);
    const page = await jobs.list(actor, query);
    ctx.body = { items: page.items.map(presentJob), nextCursor: page.nextCursor };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/admin/jobs/:id/retry',
    operationId: 'retryJob',
    summary: '重试已失败的后台任务（系统管理员）',
    description:
      '任务重新排队、立即执行，尝试次数从 0 计；任务按编号幂等，重复执行不会产生第二份结果。' +
      '仅系统管理员可用（其他身份 403 job.forbidden）；任务不存在 404（job.not_found）；非失败状态 409（job.not_failed）。',
    tag: '后台任务',
    access: 'signed_in',
    request: { params: { schema: jobIdParamSchema, descriptions: { id: '任务编号：案件编号:版本:序号；微信消息为 wechat:案件编号:版本:序号:账号编号' } } },
    responses: { 200: { description: '重新排队后的任务', schema: jobViewSchema } },
    errors: [403, 404, 409],
  });
  router.post('/api/v1/admin/jobs/:id/retry', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(jobIdParamSchema, ctx.params);
    ctx.body = presentJob(await jobs.retry(actor, id));
  });
}
