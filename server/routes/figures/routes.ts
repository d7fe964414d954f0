import type Router from '@koa/router';
import { districtFiguresSchema } from '../../../shared/api/figures';
import type { AppDeps } from '../../http/app';
import { describe } from '../../openapi/describe';
import { presentFigures } from '../../presenters/figures';

/** `GET /api/v1/figures`: the public portal's district totals, for anyone. */
export function figureRoutes(router: Router, deps: Pick<AppDeps, 'useCases'>): void {
  describe(router, {
    method: 'get',
    path: '/api/v1/figures',
    operationId: 'districtFigures',
    summary: '全区办理情况（公开）',
    description:
      '门户首页的全区数字，无须登录，不含任何个人信息。本周（北京时间周一零时起）、本月（1日零时起）与上线以来三个时段，各按该时段内上报的案件统计：' +
      '上报数不含不予受理与合并的重复案件；已结案、按时结案（办结时限未被标记超时）与评价均指这些案件，按时结案率 = 按时结案 / 已结案；另按问题大类与街镇分列上报数与结案数。' +
      '数字至多缓存 60 秒（generatedAt 为统计时刻）。',
    tag: '公开数据',
    access: 'public',
    responses: { 200: { description: '全区数字', schema: districtFiguresSchema } },
    errors: [],
  });
  router.get('/api/v1/figures', async (ctx) => {
    ctx.body = presentFigures(await deps.useCases.figures.district());
  });
}
