import type Router from '@koa/router';
import { z } from 'zod';
import { caseEventLabels, caseEventTypes, systemCaseEventTypes, type CaseEventType } from '../../../shared/cases/events';
import { caseEventBodySchemas, caseIdParamSchema, caseListFilterKeys, caseViewLabels, fileCaseSchema, idempotencyKeyPattern, idempotencyKeySchema, listCasesSchema, nearbyCasesSchema } from '../../../shared/schemas/cases';
import { caseDetailSchema, caseListSchema, caseViewSchema, nearbyCasesResponseSchema, type CaseDetail, type CaseList, type NearbyCasesResponse } from '../../../shared/api/cases';
import { describe, type HeaderParameter, type JsonSchema } from '../../openapi/describe';
import type { CaseRecord } from '../../../shared/cases/types';
import { actorOf, optionalActorOf } from '../../http/auth';
import { errors } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { presentCase, presentCaseSummary } from '../../presenters/case';

const ifMatchSchema = z.coerce.number().int().min(1);

const caseIdDescription = { id: '案件编号' };
const etagHeader = { ETag: { description: '案件当前版本，如 "3"；提交操作时放入 If-Match', schema: { type: 'string' } } } satisfies Record<string, { description: string; schema: JsonSchema }>;
const ifMatchHeader: HeaderParameter = {
  name: 'If-Match',
  required: false,
  description: '案件版本号（取自详情的 ETag，如 "3"），防止覆盖他人刚做的操作；不一致时 409（case.version_conflict）',
  schema: { type: 'string', pattern: '^"?[1-9][0-9]{0,14}"?$' },
};
const idempotencyKeyHeader: HeaderParameter = {
  name: 'Idempotency-Key',
  required: false,
  description:
    '客户端为每次上报生成一次的请求标识（如 UUID），网络失败后重试时原样带上：同一账号同一标识只建一件案件。' +
    '重试内容与首次相同时回答 200 和首次建立的案件（响应头 Idempotent-Replayed: true）；内容不同时 422（case.idempotency_key_reused）；格式不符 422（request.invalid_idempotency_key）。' +
    '不同账号的标识互不相干。',
  schema: { type: 'string', pattern: idempotencyKeyPattern.source },
};
const locationHeader = { Location: { description: '案件的地址', schema: { type: 'string' } } } satisfies Record<string, { description: string; schema: JsonSchema }>;

/** The Idempotency-Key header if sent; a malformed one is refused, since ignoring it would file twice on the next retry. */
function idempotencyKeyOf(ctx: { headers: Record<string, string | string[] | undefined> }): string | undefined {
  const sent = ctx.headers['idempotency-key'];
  if (sent === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(sent);
  if (!parsed.success) {
    throw errors.unprocessable('request.invalid_idempotency_key', '请求标识（Idempotency-Key）格式不正确', {
      fields: { 'Idempotency-Key': parsed.error.issues.map((issue) => issue.message) },
    });
  }
  return parsed.data;
}

/** Events only the clock check sends: documented, and refused (403) to every account. */
const systemEvents: readonly CaseEventType[] = systemCaseEventTypes;

/** Cases: file, list, nearby duplicates, detail, lifecycle events, "me too". */
export function caseRoutes(router: Router, deps: AppDeps): void {
  const { cases, places } = deps.useCases;

  describe(router, {
    method: 'post',
    path: '/api/v1/cases',
    operationId: 'fileCase',
    summary: '上报案件',
    description:
      '居民上报或网格员巡查上报；位置决定所属网格与街镇。须在地图上选点（location）或选择小区（compoundCode）二者之一；选择楼栋前须先选择小区。' +
      '位置不在本区网格内（case.outside_district）、楼栋与位置不符（case.building_mismatch）、照片不存在或不属于您（case.photos_unusable）、该小类须附照片或不允许匿名时回答 422。' +
      '带 Idempotency-Key 的重试不会重复立案：首次回答 201，之后同一标识、同样内容的请求回答 200 和同一件案件（此刻的详情），并带 Idempotent-Replayed: true。',
    tag: '案件',
    access: 'signed_in',
    request: { headers: [idempotencyKeyHeader], json: { schema: fileCaseSchema, required: true } },
    responses: {
      201: { description: '新建的案件详情', headers: locationHeader, schema: caseViewSchema },
      200: {
        description: '重试：同一 Idempotency-Key 首次建立的案件（此刻的详情），不再新建',
        headers: { ...locationHeader, 'Idempotent-Replayed': { description: '固定为 true：本次回答的是先前已建立的案件', schema: { type: 'string', enum: ['true'] } } },
        schema: caseViewSchema,
      },
    },
    errors: [403, 422],
  });
  router.post('/api/v1/cases', async (ctx) => {
    const actor = actorOf(ctx);
    const idempotencyKey = idempotencyKeyOf(ctx);
    const input = parseInput(fileCaseSchema, ctx.request.body);
    const { record, replayed } = idempotencyKey === undefined ? { record: await cases.file(actor, input), replayed: false } : await cases.fileOnce(actor, input, idempotencyKey);
    // A replay is not a creation: 200 tells a client that its earlier attempt had already gone through.
    ctx.status = replayed ? 200 : 201;
    if (replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.set('Location', `/api/v1/cases/${record.id}`);
    ctx.body = await presentCase(places, record, { actor }, cases.eventsFor(record, actor), deps.now());
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/cases',
    operationId: 'listCases',
    summary: '案件列表',
    description:
      '按列表类型分页，范围由登录身份决定；除 public 外须登录。筛选条件（filter 中的各项）一次最多一个。' +
      '区级身份查看 street 或 grid 列表须指定 streetCode 或 gridCode（否则 422 case.scope_required）；翻页标记无效 422（list.invalid_cursor）。',
    tag: '案件',
    access: 'optional',
    request: {
      query: {
        schema: listCasesSchema,
        descriptions: {
          view: `列表类型：${Object.entries(caseViewLabels)
            .map(([view, label]) => `${view} ${label}`)
            .join('，')}`,
          streetCode: '街镇编号：view=street 时默认为本人所在街镇，区级身份须指定；view=public 时按街镇筛选',
          gridCode: '网格编号：view=grid 时默认为本人所在网格，街镇与区级身份可指定；view=public 时按网格筛选',
          status: '按状态筛选',
          group: '按状态分组筛选：办理中、暂停、已办结',
          categoryCode: '按问题大类筛选',
          subcategoryCode: '按问题小类筛选',
          overdue: '只看超时案件',
          supervised: '只看督办案件',
          cursor: '翻页标记：上一页返回的 nextCursor',
          limit: '每页条数',
        },
        atMostOne: { name: 'filter', keys: caseListFilterKeys, description: '筛选条件，一次最多一个：status、group、categoryCode、subcategoryCode、overdue、supervised（各自作为查询参数发送）' },
      },
    },
    responses: { 200: { description: '一页案件；nextCursor 为 null 时没有下一页', schema: caseListSchema } },
    errors: [403, 422],
  });
  router.get('/api/v1/cases', async (ctx) => {
    const actor = optionalActorOf(ctx);
    const query = parseInput(listCasesSchema, ctx.query);
    const page = await cases.list(actor, query);
    // "Mine" holds the cases she filed and those she follows ("我也遇到"): each followed one is shown
    // as the privacy policy shows it to a follower, and marked so the app tells them apart.
    const present = async (record: CaseRecord) => {
      if (query.view !== 'mine') return presentCaseSummary(places, record, { actor });
      const followed = record.reporter.accountId !== actor?.id;
      return { ...(await presentCaseSummary(places, record, { actor, isFollower: followed })), followed };
    };
    ctx.body = { items: await Promise.all(page.items.map(present)), nextCursor: page.nextCursor } satisfies CaseList;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/cases/nearby',
    operationId: 'nearbyCases',
    summary: '附近的同类未办结案件（“我也遇到”）',
    description: '上报前提示附近已有的同类案件，居民可改为关注；半径由问题小类决定，在服务端按案件的精确位置计算距离；结果只给公开形式（粗化的位置），按上报时间由新到旧排列。',
    tag: '案件',
    access: 'signed_in',
    request: { query: { schema: nearbyCasesSchema, descriptions: { subcategoryCode: '问题小类编号', lng: '经度（GCJ-02）', lat: '纬度（GCJ-02）' } } },
    responses: { 200: { description: '半径与附近的案件', schema: nearbyCasesResponseSchema } },
    errors: [],
  });
  router.get('/api/v1/cases/nearby', async (ctx) => {
    const actor = actorOf(ctx);
    const query = parseInput(nearbyCasesSchema, ctx.query);
    const { radiusM, items } = await cases.nearby(query);
    ctx.body = { radiusM, items: await Promise.all(items.map((record) => presentCaseSummary(places, record, { actor }))) } satisfies NearbyCasesResponse;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/cases/:id',
    operationId: 'getCase',
    summary: '案件详情',
    description: '未登录或无关的身份看到公开视图（隐去联系方式等）；allowedEvents 列出当前身份可做的操作；可派单的身份另见 suggestedAssignment。',
    tag: '案件',
    access: 'optional',
    request: { params: { schema: caseIdParamSchema, descriptions: caseIdDescription } },
    responses: { 200: { description: '案件详情', headers: etagHeader, schema: caseDetailSchema } },
    errors: [404],
  });
  router.get('/api/v1/cases/:id', async (ctx) => {
    const actor = optionalActorOf(ctx);
    const { id } = parseInput(caseIdParamSchema, ctx.params);
    const record = await cases.load(id);
    const allowed = cases.eventsFor(record, actor);
    ctx.set('ETag', `"${record.version}"`);
    const isFollower = await cases.isFollower(actor, id);
    const view = await presentCase(places, record, { actor, isFollower }, allowed, deps.now());
    // Those who may dispatch see what the service list suggests, so dispatch is one tap.
    const dispatching = allowed.includes('dispatch') || allowed.includes('reassign');
    const detail: CaseDetail = dispatching && view.view === 'full' ? { ...view, suggestedAssignment: await cases.suggestAssignment(record) } : view;
    ctx.body = detail;
  });

  // One route per event type, so the document gives each its exact body: a body valid for one
  // type is not one the server takes for another.
  for (const type of caseEventTypes) {
    const body = caseEventBodySchemas[type];
    describe(router, {
      method: 'post',
      path: `/api/v1/cases/:id/events/${type}`,
      operationId: `actOnCase_${type}`,
      summary: `${caseEventLabels[type]}（${type}）`,
      description:
        (systemEvents.includes(type) ? '仅由系统时限检查发出；经接口提交一律 403。' : '') +
        '带 If-Match 时，版本不一致回答 409（case.version_conflict）；状态不允许该操作回答 409（case.illegal_transition）；' +
        '单位不存在或不负责本案街镇、合并目标无效、挂起时间超出范围、须附照片等业务条件不满足时回答 422。',
      tag: '案件',
      access: 'signed_in',
      request: {
        params: { schema: caseIdParamSchema, descriptions: caseIdDescription },
        headers: [ifMatchHeader],
        json: { schema: body, required: !body.safeParse({}).success, description: '无必填字段的操作可省略请求体' },
      },
      responses: { 200: { description: '操作后的案件详情', headers: etagHeader, schema: caseViewSchema } },
      errors: [403, 404, 409, 422],
    });
    router.post(`/api/v1/cases/:id/events/${type}`, async (ctx) => {
      const actor = actorOf(ctx);
      const { id } = parseInput(caseIdParamSchema, ctx.params);
      const ifMatch = ctx.get('if-match').replaceAll('"', '');
      const expectedVersion = ifMatch ? parseInput(z.object({ 'If-Match': ifMatchSchema }), { 'If-Match': ifMatch })['If-Match'] : undefined;
      const input = ctx.request.body ?? {};
      if (typeof input !== 'object' || Array.isArray(input)) throw errors.validation({ '(body)': ['请求体须为对象'] });
      const { record } = await cases.act(actor, id, type, input as Record<string, unknown>, expectedVersion);
      ctx.set('ETag', `"${record.version}"`);
      ctx.body = await presentCase(places, record, { actor }, cases.eventsFor(record, actor), deps.now());
    });
  }

  describe(router, {
    method: 'post',
    path: '/api/v1/cases/:id/follow',
    operationId: 'followCase',
    summary: '关注案件（“我也遇到”，仅居民）',
    description: '非居民 403；已办结或本人上报的案件 409。',
    tag: '案件',
    access: 'signed_in',
    request: { params: { schema: caseIdParamSchema, descriptions: caseIdDescription } },
    responses: { 200: { description: '关注后的案件详情', schema: caseViewSchema } },
    errors: [403, 404, 409],
  });
  router.post('/api/v1/cases/:id/follow', async (ctx) => {
    const actor = actorOf(ctx);
    const { id } = parseInput(caseIdParamSchema, ctx.params);
    const record = await cases.follow(actor, id);
    ctx.body = await presentCase(places, record, { actor, isFollower: true }, cases.eventsFor(record, actor), deps.now());
  });
}
