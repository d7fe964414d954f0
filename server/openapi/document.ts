import { z } from 'zod';
import packageJson from '../../package.json';
import { caseEventLabels, caseEventTypes, systemCaseEventTypes, type CaseEventType } from '../../shared/cases/events';
import { catalogSchema } from '../../shared/catalog/schema';
import { devLoginSchema, passwordLoginSchema, wechatLoginSchema } from '../../shared/schemas/auth';
import { accountIdParamSchema, changeAssignmentSchema, createAccountSchema, disableAccountSchema, listAccountsQuerySchema, resetPasswordSchema } from '../../shared/api/accounts';
import { caseEventBodySchemas, caseIdParamSchema, caseViewLabels, fileCaseSchema, listCasesSchema, nearbyCasesSchema } from '../../shared/schemas/cases';
import { catalogVersionParamSchema, publishCatalogSchema } from '../../shared/schemas/catalog';
import { downloadQuery } from '../routes/photos/routes';
import { listCompoundsSchema, listGridsSchema, listUnitsSchema, placeCodeParamSchema } from '../../shared/schemas/places';

/**
 * The API as an OpenAPI 3.1 document. Request bodies and parameters are generated from the same
 * zod schemas the handlers validate with, so the document cannot promise a shape the server
 * refuses; the list of operations is checked against the router's own table by the test beside
 * this file.
 */

export type JsonSchema = z.core.JSONSchema.JSONSchema;

type Method = 'get' | 'post' | 'put';
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 502 | 503;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

interface MediaType {
  schema?: JsonSchema;
}

interface Response {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, MediaType>;
}

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; description?: string; content: Record<string, MediaType> };
  responses: Record<string, Response | { $ref: string }>;
  [extension: `x-${string}`]: unknown;
}

export interface OpenApiDocument {
  openapi: '3.1.1';
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

export interface OpenApiOptions {
  /** Largest photo upload, from the server's config, so the document states the real limit. */
  photoMaxBytes: number;
}

/**
 * Zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect), describing what a client may send (`io:
 * 'input'`: defaults optional, coerced values in their wire form). Refinements have no JSON Schema
 * form and are left out (each schema's description states them instead); a date, which JSON only
 * carries as a string, is documented as an ISO 8601 date-time; anything else without a JSON form
 * becomes `{}` rather than stopping the document from being built.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable, cycles: 'throw', reused: 'inline' });
  return json;
}

const unrepresentable: z.core.UnrepresentableHandler = ({ zodSchema }) =>
  zodSchema._zod.def.type === 'date' ? { type: 'string', format: 'date-time', description: 'ISO 8601 时间，如 2026-03-20T18:00:00+08:00' } : 'any';

const errorEnvelopeSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().meta({ description: '稳定的机器可读错误码，客户端据此分支', examples: ['request.invalid', 'case.illegal_transition', 'auth.required'] }),
    message: z.string().meta({ description: '给用户看的中文说明' }),
    details: z
      .looseObject({
        fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: '字段错误：键为字段路径（如 location.lng），值为中文提示' }),
      })
      .optional()
      .meta({ description: '附加信息：字段错误，或冲突时的当前版本（currentVersion、latestVersion）等' }),
  }),
});

/** Chinese notes on the cross-field rules (zod refinements) JSON Schema cannot express. */
const refinementNotes = {
  fileCase: '须在地图上选点（location）或选择小区（compoundCode）二者之一；选择楼栋（buildingCode）前须先选择小区。',
  listCases: '除 view 外，status、group、categoryCode、subcategoryCode、overdue、supervised 一次最多使用一个。',
};

const systemEvents: readonly CaseEventType[] = systemCaseEventTypes;

const eventBodyName = (type: CaseEventType) => `CaseEventBody.${type}`;
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function withNote(json: JsonSchema, note: string): JsonSchema {
  return { ...json, description: [json.description, note].filter(Boolean).join('\n') };
}

function componentSchemas(): Record<string, JsonSchema> {
  const eventBodies = Object.fromEntries(
    caseEventTypes.map((type) => {
      const json = { title: `${caseEventLabels[type]}（${type}）`, ...jsonSchemaOf(caseEventBodySchemas[type]) };
      return [eventBodyName(type), systemEvents.includes(type) ? withNote(json, '仅由系统时限检查发出；经接口提交会被拒绝（403）。') : json];
    }),
  );
  return {
    ErrorEnvelope: { title: '错误', ...jsonSchemaOf(errorEnvelopeSchema, 'output') },
    PasswordLogin: { title: '账号密码登录', ...jsonSchemaOf(passwordLoginSchema) },
    DevLogin: { title: '演示账号免密登录', ...jsonSchemaOf(devLoginSchema) },
    WeChatLogin: { title: '小程序登录', ...jsonSchemaOf(wechatLoginSchema) },
    Catalog: { title: '分类目录', ...jsonSchemaOf(catalogSchema, 'output') },
    CatalogPublish: { title: '发布分类目录', ...jsonSchemaOf(publishCatalogSchema) },
    CreateAccount: { title: '新建工作人员账号', ...jsonSchemaOf(createAccountSchema) },
    ChangeAssignment: { title: '调整角色与辖区', ...jsonSchemaOf(changeAssignmentSchema) },
    DisableAccount: { title: '停用账号', ...jsonSchemaOf(disableAccountSchema) },
    ResetPassword: { title: '重置密码', ...jsonSchemaOf(resetPasswordSchema) },
    FileCase: withNote({ title: '上报案件', ...jsonSchemaOf(fileCaseSchema) }, refinementNotes.fileCase),
    ...eventBodies,
  };
}

const errorResponses: Record<ErrorStatus, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: '请求内容有误：字段错误见 details.fields；或请求体不是有效的 JSON（request.malformed_json）' },
  401: {
    name: 'Unauthorized',
    description:
      '未登录，或登录凭证格式不正确、无效、已过期；或凭证所属账号不存在（auth.account_unknown）、已停用（auth.account_disabled）、' +
      '密码已重置或账号被停用过（auth.session_revoked）。任何接口收到不可用的 Authorization 头都会如此回答。',
  },
  403: { name: 'Forbidden', description: '当前身份无权执行此操作' },
  404: { name: 'NotFound', description: '资源不存在' },
  409: { name: 'Conflict', description: '与当前状态冲突：版本已变化、当前状态不允许该操作，或记录已存在' },
  413: { name: 'PayloadTooLarge', description: '请求体过大' },
  415: { name: 'UnsupportedMediaType', description: '不支持的字符编码或文件格式' },
  422: { name: 'Unprocessable', description: '内容格式正确，但业务上无法处理（如位置不在本区、单位不存在、须附照片）' },
  502: { name: 'BadGateway', description: '微信服务暂时不可用，请稍后重试' },
  503: { name: 'ServiceUnavailable', description: '该服务暂未开通' },
};

type Access = 'public' | 'optional' | 'signed_in';

const security: Record<Access, Record<string, string[]>[]> = {
  public: [],
  // An empty requirement makes the token optional: anonymous callers get the public view.
  optional: [{}, { bearerAuth: [] }],
  signed_in: [{ bearerAuth: [] }],
};

interface Route {
  method: Method;
  /** In OpenAPI's `{param}` form. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  parameters?: Parameter[];
  /** A JSON request body; the body parser's own refusals (400, 413, 415) are added for it. */
  jsonBody?: { schema: JsonSchema; required: boolean; description?: string };
  requestBody?: Operation['requestBody'];
  success: Record<number, Response>;
  /** Error statuses the handler itself may answer; 401 (an unusable token) is added to every route. */
  errors: ErrorStatus[];
  extensions?: Record<`x-${string}`, unknown>;
}

function parametersOf<S extends z.ZodObject>(schema: S, location: 'path' | 'query', descriptions: Record<keyof z.input<S> & string, string>): Parameter[] {
  const json = jsonSchemaOf(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    description: descriptions[name as keyof z.input<S> & string],
    schema: typeof property === 'boolean' ? {} : property,
  }));
}

const jsonContent = (schema?: JsonSchema): Record<string, MediaType> => ({ 'application/json': schema ? { schema } : {} });
const caseIdParameter = parametersOf(caseIdParamSchema, 'path', { id: '案件编号' });
const accountIdParameter = parametersOf(accountIdParamSchema, 'path', { id: '账号编号' });
const accountManagers = '区系统管理员（admin）管理全部账号；街镇中心调度员管理本街镇的网格员、网格长、社区居委会和街镇职能部门账号，看不到其他街镇的账号（404）。不能通过此接口修改自己的账号（403 account.self_change）。';
const etagHeader: Response['headers'] = { ETag: { description: '案件当前版本，如 "3"；提交操作时放入 If-Match', schema: { type: 'string' } } };

function routes(options: OpenApiOptions): Route[] {
  const photoMaxMb = Math.floor(options.photoMaxBytes / 1024 / 1024);
  return [
    {
      method: 'get',
      path: '/api/health',
      operationId: 'health',
      summary: '健康检查',
      description: '数据库可用时 200，不可用时 503（同样的结构）。',
      tag: '系统',
      access: 'public',
      success: {
        200: { description: '服务正常：{ status: "ok", db: "ok", engine }', content: jsonContent() },
        503: { description: '数据库不可用：{ status: "degraded", db: "down", engine }', content: jsonContent() },
      },
      errors: [],
    },
    {
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'openapi',
      summary: '接口说明文档（本文档）',
      tag: '系统',
      access: 'public',
      success: { 200: { description: 'OpenAPI 3.1 文档', content: jsonContent({ type: 'object' }) } },
      errors: [],
    },
    {
      method: 'post',
      path: '/api/v1/auth/login',
      operationId: 'passwordLogin',
      summary: '工作人员账号密码登录',
      description: '用户名不存在与密码错误给出同一回答，不透露账号是否存在。',
      tag: '登录',
      access: 'public',
      jsonBody: { schema: schemaRef('PasswordLogin'), required: true },
      success: { 200: { description: '登录凭证与账号信息：{ token, expiresIn, account }', content: jsonContent() } },
      errors: [400, 401, 403],
    },
    {
      method: 'post',
      path: '/api/v1/auth/dev-login',
      operationId: 'devLogin',
      summary: '演示账号免密登录（仅开发环境）',
      description: '生产环境下此接口回答 404；只有演示账号可用。',
      tag: '登录',
      access: 'public',
      jsonBody: { schema: schemaRef('DevLogin'), required: true },
      success: { 200: { description: '登录凭证与账号信息：{ token, expiresIn, account }', content: jsonContent() } },
      errors: [400, 403, 404],
    },
    {
      method: 'get',
      path: '/api/v1/auth/me',
      operationId: 'me',
      summary: '当前登录身份',
      tag: '登录',
      access: 'signed_in',
      success: { 200: { description: '{ id, role, roleLabel, name, scope }', content: jsonContent() } },
      errors: [],
    },
    {
      method: 'post',
      path: '/api/v1/auth/wechat',
      operationId: 'wechatLogin',
      summary: '微信小程序登录',
      description: '以 wx.login() 得到的 code 换取 openid，找到或创建居民账号并签发登录凭证。',
      tag: '登录',
      access: 'public',
      jsonBody: { schema: schemaRef('WeChatLogin'), required: true },
      success: { 200: { description: '登录凭证与账号信息：{ token, expiresIn, account }', content: jsonContent() } },
      errors: [400, 403, 502, 503],
    },
    {
      method: 'get',
      path: '/api/v1/catalog',
      operationId: 'latestCatalog',
      summary: '当前生效的分类目录',
      tag: '分类目录',
      access: 'public',
      success: { 200: { description: '最新版本的分类目录', content: jsonContent(schemaRef('Catalog')) } },
      errors: [],
    },
    {
      method: 'get',
      path: '/api/v1/catalog/versions/{version}',
      operationId: 'catalogVersion',
      summary: '指定版本的分类目录',
      description: '历史版本不再变化，可长期缓存；案件按上报时的目录版本计算时限。',
      tag: '分类目录',
      access: 'public',
      parameters: parametersOf(catalogVersionParamSchema, 'path', { version: '目录版本号' }),
      success: { 200: { description: '该版本的分类目录', content: jsonContent(schemaRef('Catalog')) } },
      errors: [400, 404],
    },
    {
      method: 'post',
      path: '/api/v1/catalog',
      operationId: 'publishCatalog',
      summary: '发布新版分类目录（管理员）',
      description: 'basedOn 须为当前最新版本号，否则 409（catalog.stale）；编码重复等跨字段问题 422（catalog.invalid）。',
      tag: '分类目录',
      access: 'signed_in',
      jsonBody: { schema: schemaRef('CatalogPublish'), required: true },
      success: { 201: { description: '新发布的目录', content: jsonContent(schemaRef('Catalog')) } },
      errors: [400, 403, 409, 422],
    },
    {
      method: 'post',
      path: '/api/v1/cases',
      operationId: 'fileCase',
      summary: '上报案件',
      description: '居民上报或网格员巡查上报；位置决定所属网格与街镇。',
      tag: '案件',
      access: 'signed_in',
      jsonBody: { schema: schemaRef('FileCase'), required: true },
      success: {
        201: {
          description: '新建的案件详情',
          headers: { Location: { description: '新案件的地址', schema: { type: 'string' } } },
          content: jsonContent(),
        },
      },
      errors: [400, 403, 422],
    },
    {
      method: 'get',
      path: '/api/v1/cases',
      operationId: 'listCases',
      summary: '案件列表',
      description: `按列表类型分页，范围由登录身份决定；除 public 外须登录。${refinementNotes.listCases}`,
      tag: '案件',
      access: 'optional',
      parameters: parametersOf(listCasesSchema, 'query', {
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
      }),
      success: { 200: { description: '{ items, nextCursor }；nextCursor 为 null 时没有下一页', content: jsonContent() } },
      errors: [400, 403],
    },
    {
      method: 'get',
      path: '/api/v1/cases/nearby',
      operationId: 'nearbyCases',
      summary: '附近的同类未办结案件（“我也遇到”）',
      description: '上报前提示附近已有的同类案件，居民可改为关注；半径由问题小类决定，按公开（粗化到约200米）的位置计算距离。',
      tag: '案件',
      access: 'signed_in',
      parameters: parametersOf(nearbyCasesSchema, 'query', { subcategoryCode: '问题小类编号', lng: '经度（GCJ-02）', lat: '纬度（GCJ-02）' }),
      success: { 200: { description: '{ radiusM, items }', content: jsonContent() } },
      errors: [400],
    },
    {
      method: 'get',
      path: '/api/v1/cases/{id}',
      operationId: 'getCase',
      summary: '案件详情',
      description: '未登录或无关的身份看到公开视图（隐去联系方式等）；allowedEvents 列出当前身份可做的操作。',
      tag: '案件',
      access: 'optional',
      parameters: caseIdParameter,
      success: { 200: { description: '案件详情', headers: etagHeader, content: jsonContent() } },
      errors: [400, 404],
    },
    {
      method: 'post',
      path: '/api/v1/cases/{id}/events/{type}',
      operationId: 'actOnCase',
      summary: '对案件执行操作（受理、派单、回单、审核、评价等）',
      description:
        '操作类型在路径中，请求体为该类型的字段（不含 type），其结构见 x-body-by-type。' +
        '带 If-Match 时，版本不一致回答 409（case.version_conflict）；状态不允许该操作回答 409（case.illegal_transition）。',
      tag: '案件',
      access: 'signed_in',
      parameters: [
        ...caseIdParameter,
        {
          name: 'type',
          in: 'path',
          required: true,
          description: `操作类型：${caseEventTypes.map((type) => `${type} ${caseEventLabels[type]}`).join('，')}`,
          schema: { type: 'string', enum: [...caseEventTypes] },
        },
        {
          name: 'If-Match',
          in: 'header',
          required: false,
          description: '案件版本号（取自详情的 ETag），防止覆盖他人刚做的操作',
          schema: { type: 'string', pattern: '^"?[1-9]\\d*"?$' },
        },
      ],
      jsonBody: {
        // anyOf, not oneOf: several events take the same body (an optional note), so a body may
        // match more than one; the path's `type` says which applies.
        schema: { anyOf: caseEventTypes.map((type) => schemaRef(eventBodyName(type))) },
        required: false,
        description: '与路径中 type 对应的请求体；无字段的操作可省略请求体',
      },
      success: { 200: { description: '操作后的案件详情', headers: etagHeader, content: jsonContent() } },
      errors: [400, 403, 404, 409, 422],
      extensions: { 'x-body-by-type': Object.fromEntries(caseEventTypes.map((type) => [type, schemaRef(eventBodyName(type))])) },
    },
    {
      method: 'post',
      path: '/api/v1/cases/{id}/follow',
      operationId: 'followCase',
      summary: '关注案件（“我也遇到”，仅居民）',
      tag: '案件',
      access: 'signed_in',
      parameters: caseIdParameter,
      success: { 200: { description: '关注后的案件详情', content: jsonContent() } },
      errors: [400, 403, 404, 409],
    },
    {
      method: 'post',
      path: '/api/v1/photos',
      operationId: 'uploadPhoto',
      summary: '上传照片',
      description: `请求体为照片文件本身（JPEG、PNG、WebP，支持时含 HEIC），不超过 ${photoMaxMb} MB；服务端转为 JPEG 并生成缩略图。得到的 id 用于上报与操作的 photos 字段。`,
      tag: '照片',
      access: 'signed_in',
      requestBody: {
        required: true,
        content: {
          'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
          'image/*': { schema: { type: 'string', format: 'binary' } },
        },
      },
      success: { 201: { description: '{ id, width, height, bytes, url, thumbnailUrl }', content: jsonContent() } },
      errors: [400, 403, 413, 415, 422],
    },
    {
      method: 'get',
      path: '/api/v1/photos/{id}',
      operationId: 'downloadPhoto',
      summary: '查看照片',
      description: '已附到案件上的照片任何人可看；尚未附到案件的照片仅上传者本人与工作人员可看。',
      tag: '照片',
      access: 'optional',
      parameters: [
        { name: 'id', in: 'path', required: true, description: '照片编号', schema: { type: 'string', pattern: '^[0-9a-f]{32}$' } },
        ...parametersOf(downloadQuery, 'query', { size: '传 thumb 取缩略图' }),
      ],
      success: { 200: { description: 'JPEG 图片', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } } },
      errors: [400, 403, 404],
    },
    {
      method: 'get',
      path: '/api/v1/streets',
      operationId: 'listStreets',
      summary: '街镇列表',
      description: '13 个街镇（大社区）及高铁南站片区，含网格数与小区数。',
      tag: '地点',
      access: 'public',
      success: { 200: { description: '{ items, nextCursor: null }', content: jsonContent() } },
      errors: [],
    },
    {
      method: 'get',
      path: '/api/v1/grids',
      operationId: 'listGrids',
      summary: '网格列表（含 1+2+N 团队）',
      description: '未登录时团队成员电话打码。按编号翻页：after 传上一页的 nextCursor。',
      tag: '地点',
      access: 'optional',
      parameters: parametersOf(listGridsSchema, 'query', { streetCode: '街镇编号', after: '翻页标记（上一页的 nextCursor）', limit: '每页条数，1–100' }),
      success: { 200: { description: '{ items, nextCursor }', content: jsonContent() } },
      errors: [400],
    },
    {
      method: 'get',
      path: '/api/v1/compounds',
      operationId: 'listCompounds',
      summary: '小区列表',
      description: '居民选择所在小区、无定位上报时选择小区用。按编号翻页。',
      tag: '地点',
      access: 'public',
      parameters: parametersOf(listCompoundsSchema, 'query', {
        streetCode: '街镇编号',
        gridCode: '网格编号',
        kind: '小区类型：commodity 商品房、resettlement 回迁房、fund_raised 集资房',
        q: '按名称搜索',
        after: '翻页标记（上一页的 nextCursor）',
        limit: '每页条数，1–100',
      }),
      success: { 200: { description: '{ items, nextCursor }', content: jsonContent() } },
      errors: [400],
    },
    {
      method: 'get',
      path: '/api/v1/compounds/{code}',
      operationId: 'getCompound',
      summary: '小区详情（含楼栋与边界）',
      tag: '地点',
      access: 'public',
      parameters: parametersOf(placeCodeParamSchema, 'path', { code: '小区编号' }),
      success: { 200: { description: '小区详情', content: jsonContent() } },
      errors: [400, 404],
    },
    {
      method: 'get',
      path: '/api/v1/units',
      operationId: 'listUnits',
      summary: '单位列表',
      description: '派单时选择主办、协办单位用；按街镇筛选时含服务该街镇的区级单位。居民与未登录时电话打码。',
      tag: '地点',
      access: 'optional',
      parameters: parametersOf(listUnitsSchema, 'query', {
        type: '单位类型',
        streetCode: '街镇编号',
        q: '按名称搜索',
        after: '翻页标记（上一页的 nextCursor）',
        limit: '每页条数，1–100',
      }),
      success: { 200: { description: '{ items, nextCursor }', content: jsonContent() } },
      errors: [400],
    },
    {
      method: 'get',
      path: '/api/v1/accounts',
      operationId: 'listAccounts',
      summary: '账号列表（账号管理）',
      description: `${accountManagers} 新建的在前；不返回密码。`,
      tag: '账号',
      access: 'signed_in',
      parameters: parametersOf(listAccountsQuerySchema, 'query', { role: '按角色筛选', streetCode: '按街镇筛选（街镇调度员只能是本街镇）', cursor: '翻页标记：上一页返回的 nextCursor', limit: '每页条数' }),
      success: { 200: { description: '{ items, nextCursor }；nextCursor 为 null 时没有下一页', content: jsonContent() } },
      errors: [400, 403],
    },
    {
      method: 'post',
      path: '/api/v1/accounts',
      operationId: 'createAccount',
      summary: '新建工作人员账号',
      description: `${accountManagers} 辖区编码须存在且类型相符（字段错误 400）；网格所属街镇、居委会的小区由系统按区划数据填写。用户名已被使用时 409（account.username_taken）。`,
      tag: '账号',
      access: 'signed_in',
      jsonBody: { schema: schemaRef('CreateAccount'), required: true },
      success: { 201: { description: '新账号（含变更记录 audit）', content: jsonContent() } },
      errors: [400, 403, 409],
    },
    {
      method: 'get',
      path: '/api/v1/accounts/{id}',
      operationId: 'getAccount',
      summary: '账号详情与变更记录',
      description: accountManagers,
      tag: '账号',
      access: 'signed_in',
      parameters: accountIdParameter,
      success: { 200: { description: '账号与变更记录 audit（谁、何时、由何改为何）', content: jsonContent() } },
      errors: [400, 403, 404],
    },
    {
      method: 'put',
      path: '/api/v1/accounts/{id}/assignment',
      operationId: 'changeAccountAssignment',
      summary: '调整角色与辖区',
      description: `${accountManagers} 下一次请求起生效。居民账号不能改为工作人员（422 account.resident_fixed）。`,
      tag: '账号',
      access: 'signed_in',
      parameters: accountIdParameter,
      jsonBody: { schema: schemaRef('ChangeAssignment'), required: true },
      success: { 200: { description: '调整后的账号与变更记录', content: jsonContent() } },
      errors: [400, 403, 404, 409, 422],
    },
    {
      method: 'post',
      path: '/api/v1/accounts/{id}/disable',
      operationId: 'disableAccount',
      summary: '停用账号',
      description: `${accountManagers} 下一次请求起拒绝（401 auth.account_disabled）；重新启用后须重新登录。`,
      tag: '账号',
      access: 'signed_in',
      parameters: accountIdParameter,
      jsonBody: { schema: schemaRef('DisableAccount'), required: true },
      success: { 200: { description: '停用后的账号与变更记录', content: jsonContent() } },
      errors: [400, 403, 404, 409],
    },
    {
      method: 'post',
      path: '/api/v1/accounts/{id}/enable',
      operationId: 'enableAccount',
      summary: '启用账号',
      description: accountManagers,
      tag: '账号',
      access: 'signed_in',
      parameters: accountIdParameter,
      success: { 200: { description: '启用后的账号与变更记录', content: jsonContent() } },
      errors: [400, 403, 404, 409],
    },
    {
      method: 'post',
      path: '/api/v1/accounts/{id}/password',
      operationId: 'resetAccountPassword',
      summary: '重置密码',
      description: `${accountManagers} 此前签发的登录凭证全部失效（401 auth.session_revoked）。`,
      tag: '账号',
      access: 'signed_in',
      parameters: accountIdParameter,
      jsonBody: { schema: schemaRef('ResetPassword'), required: true },
      success: { 200: { description: '账号与变更记录（不含密码）', content: jsonContent() } },
      errors: [400, 403, 404, 409, 422],
    },
  ];
}

function operationOf(route: Route): Operation {
  const statuses = new Set<ErrorStatus>([...route.errors, 401]);
  // The JSON body parser answers for the handler: malformed JSON, too large, unknown charset.
  if (route.jsonBody) for (const status of [400, 413, 415] as const) statuses.add(status);
  const responses: Operation['responses'] = {};
  for (const [status, response] of Object.entries(route.success)) responses[status] = response;
  for (const status of [...statuses].sort((a, b) => a - b)) responses[String(status)] = { $ref: `#/components/responses/${errorResponses[status].name}` };
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    security: security[route.access],
    ...(route.parameters?.length ? { parameters: route.parameters } : {}),
    ...(route.jsonBody
      ? { requestBody: { required: route.jsonBody.required, ...(route.jsonBody.description ? { description: route.jsonBody.description } : {}), content: jsonContent(route.jsonBody.schema) } }
      : route.requestBody
        ? { requestBody: route.requestBody }
        : {}),
    responses,
    ...route.extensions,
  };
}

/** Builds the whole document; pure, so the route builds it once and tests can inspect it. */
export function buildOpenApiDocument(options: OpenApiOptions): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes(options)) {
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`OpenAPI: ${route.method.toUpperCase()} ${route.path} is described twice`);
    item[route.method] = operationOf(route);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: '共治包河 API',
      version: packageJson.version,
      description:
        '包河区网格化治理“共治包河”平台的接口：居民与网格员上报问题，各级单位受理、派单、处置、审核，居民评价与关注。\n\n' +
        '请求体与查询参数的结构由服务端校验所用的 zod 模式生成，二者同源。跨字段规则写在各结构的说明中。\n\n' +
        '登录后在请求头带 `Authorization: Bearer <token>`。所有错误的回答形如 `{ error: { code, message, details? } }`，' +
        'code 稳定可供程序判断，message 为中文说明。',
    },
    servers: [{ url: '/', description: '当前服务' }],
    tags: [
      { name: '系统', description: '健康检查与接口文档' },
      { name: '登录', description: '账号密码、微信小程序与演示账号登录' },
      { name: '分类目录', description: '管理服务清单：大类、小类、各环节责任单位与时限' },
      { name: '案件', description: '上报、列表、详情、办理流程中的各项操作与关注' },
      { name: '照片', description: '案件照片的上传与查看' },
      { name: '地点', description: '街镇、网格、小区与单位：上报选址、派单选单位用' },
      { name: '账号', description: '账号管理：新建、停用与启用、调整角色与辖区、重置密码，每次变更留有记录' },
    ],
    paths,
    components: {
      schemas: componentSchemas(),
      responses: Object.fromEntries(
        Object.values(errorResponses).map(({ name, description }) => [name, { description, content: jsonContent(schemaRef('ErrorEnvelope')) }]),
      ),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '登录接口返回的 token' } },
    },
  };
}
