import type Router from '@koa/router';
import { visitCategoryAdminSchema, visitCategoriesSchema } from '../../../shared/api/visits';
import { visitCategoryConfigSchema } from '../../../shared/visits/config';
import type { VisitCategoryConfig } from '../../../shared/visits/types';
import { requireRole } from '../../http/auth';
import { errors, fieldErrorsOf } from '../../errors';
import type { AppDeps } from '../../http/app';
import { describe } from '../../openapi/describe';

/** The visit category list (入户走访类别) for district administrators: read, and published as a new version. */
export function adminVisitCategoryRoutes(router: Router, deps: AppDeps): void {
  const { visits } = deps.useCases;

  describe(router, {
    method: 'get',
    path: '/api/v1/admin/visit-categories',
    operationId: 'adminVisitCategories',
    summary: '走访类别（管理员）',
    description: '当前生效的走访类别清单及已发布版本的历史（新版在前）。尚未发布过时为系统内置的九类。仅区级管理员可用（其他身份 403）。',
    tag: '入户走访',
    access: 'signed_in',
    responses: { 200: { description: '{ current, history }', schema: visitCategoryAdminSchema } },
    errors: [403, 503],
  });
  router.get('/api/v1/admin/visit-categories', async (ctx) => {
    const actor = requireRole(ctx, ['admin']);
    const view = await visits.adminCategories(actor);
    ctx.body = { current: view.current, history: view.history.map((h) => ({ ...h, publishedAt: h.publishedAt.toISOString() })) };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/admin/visit-categories',
    operationId: 'publishVisitCategories',
    summary: '发布新版走访类别（管理员）',
    description:
      '请求体为完整的类别清单（version、effectiveFrom、categories）。内容有误 400，字段路径如 categories.3.questions.0.key；选择题未列选项、类别或问题编号重复 422（visit.categories_invalid）；' +
      'version 须为当前版本号加一，否则 409（visit.categories_stale）；新版本自发布起生效，effectiveFrom 晚于现在 422（visit.categories_future）；当前版本中仍有在册人员的类别不能删除，409（visit.categories_in_use，details.codes 列出类别）。' +
      '每次发布存为新版本，旧版本不被覆盖。仅区级管理员可用（其他身份 403）。',
    tag: '入户走访',
    access: 'signed_in',
    request: { json: { schema: visitCategoryConfigSchema, required: true } },
    responses: { 201: { description: '新生效的类别清单', schema: visitCategoriesSchema.pick({ version: true }) } },
    errors: [400, 403, 409, 422, 503],
  });
  router.post('/api/v1/admin/visit-categories', async (ctx) => {
    const actor = requireRole(ctx, ['admin']);
    const parsed = visitCategoryConfigSchema.safeParse(ctx.request.body);
    if (!parsed.success) {
      const fields = fieldErrorsOf(parsed.error);
      // What no JSON Schema can say (a choice question without options, a code used twice) is 422, as elsewhere.
      if (parsed.error.issues.every((issue) => issue.code === 'custom')) throw errors.unprocessable('visit.categories_invalid', '类别清单有误，请检查标出的字段', { fields });
      throw errors.validation(fields);
    }
    const config = parsed.data as VisitCategoryConfig;
    const published = await visits.publishCategories(actor, config);
    ctx.status = 201;
    ctx.body = { version: published.version };
  });
}
