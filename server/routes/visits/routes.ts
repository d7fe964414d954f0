import type Router from '@koa/router';
import {
  archivePersonSchema,
  auditPageSchema,
  exportPersonSchema,
  personExportSchema,
  personIdParamSchema,
  personPageSchema,
  personRecordSchema,
  personViewSchema,
  recordVisitResultSchema,
  recordVisitSchema,
  registerPersonSchema,
  restorePersonSchema,
  signVisitSchema,
  unmaskResultSchema,
  unmaskSchema,
  updatePersonSchema,
  visitIdParamSchema,
  visitCategoriesSchema,
  visitSummarySchema,
  visitTeamSchema,
  visitViewSchema,
  worklistQuerySchema,
} from '../../../shared/api/visits';
import { visitAggregateThreshold } from '../../../shared/policies/visits';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/app';
import { parseInput } from '../../http/validate';
import { describe } from '../../openapi/describe';
import { presentAuditEntry, presentExport, presentPerson, presentVisit } from '../../presenters/visits';

const tag = '入户走访' as const;
const idParam = { schema: personIdParamSchema, descriptions: { id: '人员编号' } };
const pageDescriptions = { limit: '每页条数，1–100', cursor: '翻页标记：上一页返回的 nextCursor' };
const who =
  '网格员、网格长：本网格内、本岗位可办理的类别；社区居委会：本社区全部类别；职能部门：本单位主管的类别、本街镇内（区级部门为全区）。其他身份一律 403（visit.forbidden）。';

/** 入户走访: the register of key service populations, the worklist, visits, unmasking and the audit trail. */
export function visitRoutes(router: Router, deps: AppDeps): void {
  const { visits } = deps.useCases;

  describe(router, {
    method: 'get',
    path: '/api/v1/visits/team',
    operationId: 'visitTeam',
    summary: '走访同行人员',
    description: '本网格其他网格员、网格长（仅姓名与岗位），供填写走访记录时选择同行人员（companionId）。仅网格员、网格长；其他身份 403（visit.forbidden）。',
    tag,
    access: 'signed_in',
    responses: { 200: { description: '同行人员', schema: visitTeamSchema } },
    errors: [403],
  });
  router.get('/api/v1/visits/team', async (ctx) => {
    ctx.body = { items: await visits.team(actorOf(ctx)) };
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/visits/categories',
    operationId: 'visitCategories',
    summary: '走访类别与问题',
    description: `当前身份可办理的重点服务人群类别，含各类别的走访问题（小程序据此生成走访表单）、主管部门类型与会签要求。不含任何人员信息。${who}`,
    tag,
    access: 'signed_in',
    responses: { 200: { description: '类别与问题', schema: visitCategoriesSchema } },
    errors: [403],
  });
  router.get('/api/v1/visits/categories', async (ctx) => {
    const { version, categories } = await visits.visibleCategories(actorOf(ctx));
    ctx.body = {
      version,
      categories: categories.map((c) => ({
        code: c.code,
        name: c.name,
        ownerUnitType: c.ownerUnitType,
        handledBy: c.handledBy,
        majorChangeWithinHours: c.majorChangeWithinHours ?? null,
        minVisitsPerYear: c.minVisitsPerYear ?? null,
        signOffOnDanger: c.signOffOnDanger ?? [],
        questions: c.questions,
      })),
    };
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/visits/worklist',
    operationId: 'visitWorklist',
    summary: '走访待办',
    description: `翻页标记无效 422（list.invalid_cursor）。已到提醒时间或已逾期的人员：红色在前、黄色次之、蓝色最后，同级按逾期由久到近。姓名等已脱敏；每名列出的人员都记入审计。${who}`,
    tag,
    access: 'signed_in',
    request: { query: { schema: worklistQuerySchema, descriptions: pageDescriptions } },
    responses: { 200: { description: '一页待办人员', schema: personPageSchema } },
    errors: [400, 403, 422],
  });
  router.get('/api/v1/visits/worklist', async (ctx) => {
    const page = await visits.worklist(actorOf(ctx), parseInput(worklistQuerySchema, ctx.query));
    ctx.body = { items: page.items.map(presentPerson), nextCursor: page.nextCursor };
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/visits/people',
    operationId: 'listVisitPeople',
    summary: '重点服务人员名册',
    description: `翻页标记无效 422（list.invalid_cursor）。按编号排列，已脱敏；每名列出的人员都记入审计。${who}`,
    tag,
    access: 'signed_in',
    request: { query: { schema: worklistQuerySchema, descriptions: pageDescriptions } },
    responses: { 200: { description: '一页人员', schema: personPageSchema } },
    errors: [400, 403, 422],
  });
  router.get('/api/v1/visits/people', async (ctx) => {
    const page = await visits.list(actorOf(ctx), parseInput(worklistQuerySchema, ctx.query));
    ctx.body = { items: page.items.map(presentPerson), nextCursor: page.nextCursor };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/visits/people',
    operationId: 'registerVisitPerson',
    summary: '登记重点服务人员',
    description: '社区居委会（本社区）或网格长（本网格、本岗位可办理的类别）。姓名、身份证号、电话、住址、备注加密存储，回答中已脱敏。类别不存在 422 visit.unknown_category；小区不存在 422 visit.unknown_place。',
    tag,
    access: 'signed_in',
    request: { json: { schema: registerPersonSchema, required: true } },
    responses: { 201: { description: '已登记（脱敏）', schema: personViewSchema } },
    errors: [400, 403, 422],
  });
  router.post('/api/v1/visits/people', async (ctx) => {
    const person = await visits.register(actorOf(ctx), parseInput(registerPersonSchema, ctx.request.body));
    ctx.status = 201;
    ctx.body = presentPerson(person);
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/visits/people/:id',
    operationId: 'getVisitPerson',
    summary: '人员档案',
    description: `脱敏的人员信息与最近20次走访（回答内容不显示，须“查看明文”）。每次查看都记入审计。${who}`,
    tag,
    access: 'signed_in',
    request: { params: idParam },
    responses: { 200: { description: '人员与走访', schema: personRecordSchema } },
    errors: [400, 403, 404],
  });
  router.get('/api/v1/visits/people/:id', async (ctx) => {
    const { id } = parseInput(personIdParamSchema, ctx.params);
    const record = await visits.record(actorOf(ctx), id);
    ctx.body = { person: presentPerson(record.person), visits: record.visits.map(presentVisit) };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/visits/people/:id/changes',
    operationId: 'updateVisitPerson',
    summary: '调整风险等级或登记重大变化',
    description:
      '社区居委会或网格长；version 须为读取时的版本，否则 409 visit.stale。登记重大变化（出院、监护人变化、失联后找回）后按类别规则须在时限内走访。用 POST 而非 PATCH：小程序的网络请求不支持 PATCH。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: updatePersonSchema, required: true } },
    responses: { 200: { description: '更新后（脱敏）', schema: personViewSchema } },
    errors: [400, 403, 404, 409],
  });
  router.post('/api/v1/visits/people/:id/changes', async (ctx) => {
    const { id } = parseInput(personIdParamSchema, ctx.params);
    ctx.body = presentPerson(await visits.update(actorOf(ctx), id, parseInput(updatePersonSchema, ctx.request.body)));
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/visits/people/:id/visits',
    operationId: 'recordVisit',
    summary: '提交走访记录',
    description:
      '网格员或网格长。draftId 由小程序离线起草时生成：同一草稿重复提交只记录一次（replayed=true）；同一 draftId 内容不同 422 visit.draft_reused。附 case 时同时上报案件（地点为人员所在小区，不含住址），走访记录保留案件编号。notifyDepartment=true 时通知该类别的主管部门（本街镇或区级），消息不含人员与类别，notified 列出已通知的单位；重复提交不重复通知。回答按类别问题校验，错误在 answers.<问题> 下列出。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: recordVisitSchema, required: true } },
    responses: { 201: { description: '已记录', schema: recordVisitResultSchema }, 200: { description: '重复提交：先前记录的走访', schema: recordVisitResultSchema } },
    errors: [400, 403, 404, 409, 422],
  });
  router.post('/api/v1/visits/people/:id/visits', async (ctx) => {
    const { id } = parseInput(personIdParamSchema, ctx.params);
    const result = await visits.visit(actorOf(ctx), id, parseInput(recordVisitSchema, ctx.request.body));
    ctx.status = result.replayed ? 200 : 201;
    ctx.body = { visit: presentVisit(result.visit), replayed: result.replayed, case: result.case, notified: result.notified };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/visits/people/:id/unmask',
    operationId: 'unmaskVisitPerson',
    summary: '查看明文',
    description: `查看一个敏感字段的明文（或 visits：最近走访的回答、情况与门口位置），须说明原因；查看人、时间、字段与原因记入审计。${who}`,
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: unmaskSchema, required: true } },
    responses: { 200: { description: '明文', schema: unmaskResultSchema } },
    errors: [400, 403, 404],
  });
  router.post('/api/v1/visits/people/:id/unmask', async (ctx) => {
    const { id } = parseInput(personIdParamSchema, ctx.params);
    const result = await visits.unmask(actorOf(ctx), id, parseInput(unmaskSchema, ctx.request.body));
    ctx.body = { field: result.field, value: Array.isArray(result.value) ? result.value.map(presentVisit) : result.value };
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/visits/summary',
    operationId: 'visitSummary',
    summary: '走访名册统计',
    description: `本账号可见范围内按类别统计的在册人数、红黄蓝风险等级、即将到期与逾期人数；少于${visitAggregateThreshold}人的数字不显示（null，界面显示“<${visitAggregateThreshold}”），只有一个等级被隐去时另隐去一个，以免由合计推出。${who}`,
    tag,
    access: 'signed_in',
    responses: { 200: { description: '统计', schema: visitSummarySchema } },
    errors: [403],
  });
  router.get('/api/v1/visits/summary', async (ctx) => {
    const figures = await visits.summary(actorOf(ctx));
    ctx.body = {
      threshold: visitAggregateThreshold,
      categories: figures.map(({ categoryCode, categoryName, people, byRisk, dueSoon, overdue }) => ({ category: { code: categoryCode, name: categoryName }, people, byRisk, dueSoon, overdue })),
    };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/visits/records/:id/sign-off',
    operationId: 'signVisit',
    summary: '部门签收走访记录',
    description:
      '发现危险情形、其类别要求会签的走访记录（如严重精神障碍：卫健与派出所），由所需类型的部门在本街镇签收，每类单位一次；签收人得到记录的回答与情况明文，签收记入审计。不需要本单位签收 403 visit.forbidden；本类单位已签收 409 visit.already_signed。',
    tag,
    access: 'signed_in',
    request: { params: { schema: visitIdParamSchema, descriptions: { id: '走访记录编号' } }, json: { schema: signVisitSchema, required: false } },
    responses: { 200: { description: '签收后的走访记录（含明文）', schema: visitViewSchema } },
    errors: [400, 403, 404, 409],
  });
  router.post('/api/v1/visits/records/:id/sign-off', async (ctx) => {
    const { id } = parseInput(visitIdParamSchema, ctx.params);
    ctx.body = presentVisit(await visits.sign(actorOf(ctx), id, parseInput(signVisitSchema, ctx.request.body ?? {})));
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/visits/audit',
    operationId: 'visitAudit',
    summary: '走访审计记录',
    description: '翻页标记无效 422（list.invalid_cursor）。本社区人员的查看、查看明文、登记与走访记录，新的在前。仅社区居委会；其他身份 403 visit.forbidden。',
    tag,
    access: 'signed_in',
    request: { query: { schema: worklistQuerySchema, descriptions: pageDescriptions } },
    responses: { 200: { description: '一页审计记录', schema: auditPageSchema } },
    errors: [400, 403, 422],
  });
  router.get('/api/v1/visits/audit', async (ctx) => {
    const page = await visits.audit(actorOf(ctx), parseInput(worklistQuerySchema, ctx.query));
    ctx.body = { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/visits/people/:id/archive',
    operationId: 'archiveVisitPerson',
    summary: '归档（人员已不属于该类人群）',
    description:
      '网格长（本网格、本岗位可办理的类别）或社区居委会（本社区）。reason 为 moved_away（迁出）、deceased（死亡）、no_longer_eligible（不再属于该类人群）或 other，leftAt 为离开时间（不晚于现在、不早于登记）；version 须为读取时的版本，否则 409 visit.stale。归档后不再出现在待办、名册与提醒中，仅本社区居委会可查看；已归档再操作 409 visit.archived。保存期限（VISITS_RETENTION_DAYS，默认1095天）届满后，姓名、身份证号、电话、住址、备注及走访回答、情况、位置由系统清除，此后 404。记入审计。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: archivePersonSchema, required: true } },
    responses: { 200: { description: '已归档（脱敏）', schema: personViewSchema } },
    errors: [400, 403, 404, 409],
  });
  router.post('/api/v1/visits/people/:id/archive', async (ctx) => {
    const { id } = parseInput(personIdParamSchema, ctx.params);
    ctx.body = presentPerson(await visits.archive(actorOf(ctx), id, parseInput(archivePersonSchema, ctx.request.body)));
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/visits/people/:id/restore',
    operationId: 'restoreVisitPerson',
    summary: '恢复已归档人员',
    description:
      '本社区居委会，清除（保存期满）之前；原因为编码（误归档、迁回本社区、重新符合条件、其他）。恢复后重新进入名册、待走访和提醒，视同此刻发生重大变化。version 须为读取时的版本，否则 409 visit.stale；未归档 409 visit.not_archived；已清除 404。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: restorePersonSchema, required: true } },
    responses: { 200: { description: '已恢复（脱敏）', schema: personViewSchema } },
    errors: [400, 403, 404, 409],
  });
  router.post('/api/v1/visits/people/:id/restore', async (ctx) => {
    const { id } = parseInput(personIdParamSchema, ctx.params);
    ctx.body = presentPerson(await visits.restore(actorOf(ctx), id, parseInput(restorePersonSchema, ctx.request.body)));
  });

  describe(router, {
    method: 'post',
    path: '/api/v1/visits/people/:id/export',
    operationId: 'exportVisitPerson',
    summary: '导出本人信息（查阅复制请求）',
    description:
      '本人通过社区提出查阅、复制请求（个人信息保护法第四十五条）时，由本社区居委会导出：人员全部信息与全部走访记录的明文，JSON 文件下载。须说明原因（至少4个字）；导出人、时间与原因记入审计。仅社区居委会（本社区，含已归档人员）；其他身份 403 visit.forbidden；已清除的人员 404。',
    tag,
    access: 'signed_in',
    request: { params: idParam, json: { schema: exportPersonSchema, required: true } },
    responses: { 200: { description: 'JSON 文件（Content-Disposition: attachment）', schema: personExportSchema } },
    errors: [400, 403, 404],
  });
  router.post('/api/v1/visits/people/:id/export', async (ctx) => {
    const { id } = parseInput(personIdParamSchema, ctx.params);
    const data = await visits.export(actorOf(ctx), id, parseInput(exportPersonSchema, ctx.request.body));
    ctx.set('Content-Disposition', `attachment; filename="visit-person-${id}.json"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = presentExport(data);
  });
}
