import type Router from '@koa/router';
import { dashboardQuerySchema, dashboardSchema, exportQuerySchema, publicStatsSchema } from '../../../shared/api/stats';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/app';
import { parseInput } from '../../http/validate';
import { describe } from '../../openapi/describe';
import { statsExportFile } from '../../presenters/stats-export';

const tag = '统计分析' as const;
const queryDescriptions = {
  from: '开始日期 YYYY-MM-DD（北京时间，含）',
  to: '结束日期 YYYY-MM-DD（含），不晚于今天，区间最长366天',
  streetCode: '街镇编号：区中心可选任一街镇，街镇中心只能是本街镇',
  categoryCode: '问题大类编号',
};
const scopeRule =
  '范围由账号决定：区中心与管理员可看全区、任一街镇与大类；街镇中心看本街镇（可按大类），请求其他街镇 403 stats.out_of_scope；' +
  '职能部门与物业看本单位，网格长与网格员看本网格（均不能再按街镇或大类筛选，否则 403 stats.out_of_scope）；社区与居民 403 stats.forbidden。' +
  '开始晚于结束、超过366天或结束晚于今天：422 stats.invalid_range，附字段错误；没有的街镇或当前目录中没有的大类：422 stats.unknown_filter。';

/** Statistics (统计分析): the dashboard of the account's scope, its tables as files, and the public figures. */
export function statsRoutes(router: Router, deps: Pick<AppDeps, 'useCases'>): void {
  const { stats } = deps.useCases;

  describe(router, {
    method: 'get',
    path: '/api/v1/stats/dashboard',
    operationId: 'statsDashboard',
    summary: '统计看板',
    description:
      `本账号范围内一个时段的统计：合计与上一时段（整月比上一整月，其余为紧邻的同样天数）对比、趋势（31天内按日，120天内按周，更长按月）、街镇、大类、小类前20、单位考核排行（按时结案率、满意度）与热点网格前20。${scopeRule}` +
      '数字来自每几秒汇总一次的统计，countedUntil 为最近一次汇总的时刻。',
    tag,
    access: 'signed_in',
    request: { query: { schema: dashboardQuerySchema, descriptions: queryDescriptions } },
    responses: { 200: { description: '统计看板', schema: dashboardSchema } },
    errors: [400, 403, 422],
  });
  router.get('/api/v1/stats/dashboard', async (ctx) => {
    const query = parseInput(dashboardQuerySchema, ctx.query);
    ctx.body = await stats.dashboard(actorOf(ctx), query);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/stats/export',
    operationId: 'exportStats',
    summary: '导出统计表（CSV 或 Excel）',
    description:
      `看板中的一张表导出为文件：CSV（UTF-8，带 BOM，Excel 可直接打开）或 Excel（xlsx）。文件开头为标题、统计范围、区间、筛选条件、统计截至与导出时间，随后是中文表头与各行。${scopeRule}` +
      '当前范围没有所选的表（如街镇中心的街镇对比）：422 stats.table_unavailable。',
    tag,
    access: 'signed_in',
    request: { query: { schema: exportQuerySchema, descriptions: { ...queryDescriptions, table: '表：streets、categories、subcategories、units、grids、trend', format: 'csv 或 xlsx' } } },
    responses: {
      200: {
        description: '统计表文件',
        content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
      },
    },
    errors: [400, 403, 422],
  });
  router.get('/api/v1/stats/export', async (ctx) => {
    const query = parseInput(exportQuerySchema, ctx.query);
    const file = await statsExportFile(await stats.export(actorOf(ctx), query), query.format);
    ctx.type = file.contentType;
    ctx.set('Content-Disposition', `attachment; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent(file.title)}`);
    ctx.body = file.body;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/stats/public',
    operationId: 'publicStats',
    summary: '全区公开统计',
    description:
      '门户的公开统计，无须登录，不含个人、单位与网格信息：本周（周一起）、本月（1日起）与上线以来，按事件发生日统计的上报、结案、按时结案率与满意度，并按大类与街镇分列。数字至多缓存 60 秒。',
    tag,
    access: 'public',
    responses: { 200: { description: '全区公开统计', schema: publicStatsSchema } },
    errors: [],
  });
  router.get('/api/v1/stats/public', async (ctx) => {
    ctx.body = await stats.public();
  });
}
