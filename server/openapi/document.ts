import { z } from 'zod';
import packageJson from '../../package.json';
import { errorBodySchema } from '../../shared/api/errors';
import type { ErrorStatus, HttpMethod, JsonSchema, MediaType, OperationDescription, ResponseDescription } from './describe';

/**
 * The API as an OpenAPI 3.1 document, built from the descriptions each route file records beside
 * its handler (`describe`). Request parameters and bodies come from the zod schemas the handlers
 * validate with, responses from the schemas in shared/api that type the presenters, so the
 * document cannot promise a shape the server refuses or answer with one it does not list.
 */

export type { JsonSchema } from './describe';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  style?: 'form';
  explode?: boolean;
  schema: JsonSchema;
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
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, Response>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

/**
 * Codes that must exist, by the kind a schema names in its `x-codes` mark: written into the
 * document as enums when it is built, so a request the document allows names things that exist.
 */
export type ReferenceCodes = Record<string, readonly string[]>;

export interface OpenApiOptions {
  codes: ReferenceCodes;
}

/**
 * Zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect). `input` describes what a client may send
 * (defaults optional, coerced values in their wire form), and is also the wire form of a response
 * (a date codec's string side). A string the server trims before checking its length gets a
 * pattern saying so, else a body of spaces would be valid here and refused there. A date, which
 * JSON only carries as a string, is documented as an ISO 8601 date-time.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable, override: trimmedLength, cycles: 'throw', reused: 'inline' });
  return json;
}

const unrepresentable: z.core.UnrepresentableHandler = ({ zodSchema }) =>
  zodSchema._zod.def.type === 'date' ? { type: 'string', format: 'date-time', description: 'ISO 8601 时间，如 2026-03-20T18:00:00+08:00' } : 'any';

/** `.trim().min(n)`: at least n characters from the first non-space one to the last. */
const trimmedLength: NonNullable<Parameters<typeof z.toJSONSchema>[1]>['override'] = ({ zodSchema, jsonSchema }) => {
  const def = zodSchema._zod.def as { type: string; checks?: { _zod: { def: { check: string } } }[] };
  const trims = def.type === 'string' && (def.checks ?? []).some((check) => check._zod.def.check === 'overwrite');
  const min = jsonSchema.minLength;
  if (!trims || !min) return;
  const nonBlank = min === 1 ? '\\S' : `\\S[\\s\\S]{${min - 2},}\\S`;
  if (jsonSchema.pattern) jsonSchema.allOf = [...(jsonSchema.allOf ?? []), { pattern: nonBlank }];
  else jsonSchema.pattern = nonBlank;
};

const errorResponses: Record<ErrorStatus, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: '请求不符合本文档：字段错误见 details.fields；或请求体不是有效的 JSON（request.malformed_json）' },
  401: {
    name: 'Unauthorized',
    description:
      '未登录，或登录凭证格式不正确、无效、已过期；或凭证所属账号不存在（auth.account_unknown）、已停用（auth.account_disabled）、' +
      '密码已重置或账号被停用过（auth.session_revoked）。任何接口收到不可用的 Authorization 头都会如此回答。',
  },
  403: { name: 'Forbidden', description: '当前身份无权执行此操作' },
  404: { name: 'NotFound', description: '资源不存在' },
  405: { name: 'MethodNotAllowed', description: '该地址不支持此请求方法；Allow 头列出支持的方法' },
  409: { name: 'Conflict', description: '与当前状态冲突：版本已变化、当前状态不允许该操作，或记录已存在' },
  413: { name: 'PayloadTooLarge', description: '请求体过大' },
  415: { name: 'UnsupportedMediaType', description: '不支持的内容类型、字符编码或文件格式' },
  422: {
    name: 'Unprocessable',
    description: '请求符合本文档，但业务上无法处理：位置不在本区、楼栋与小区不符、照片不存在或不属于您、单位不负责本案所在街镇、列表须指定街镇或网格等（code 说明原因）',
  },
  429: { name: 'TooManyRequests', description: '请求过于频繁或同时进行的请求过多（request.too_many），请按 Retry-After 头稍后重试' },
  502: { name: 'BadGateway', description: '微信服务暂时不可用，请稍后重试' },
  503: { name: 'ServiceUnavailable', description: '该服务暂未开通' },
};

const security: Record<OperationDescription['access'], Record<string, string[]>[]> = {
  public: [],
  // An empty requirement makes the token optional: anonymous callers get the public view.
  optional: [{}, { bearerAuth: [] }],
  signed_in: [{ bearerAuth: [] }],
};

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema?: JsonSchema): Record<string, MediaType> => ({ 'application/json': schema ? { schema } : {} });
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parametersOf(schema: z.ZodObject, location: 'path' | 'query', descriptions: Record<string, string>, skip: readonly string[] = []): Parameter[] {
  const json = jsonSchemaOf(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {})
    .filter(([name]) => !skip.includes(name))
    .map(([name, property]) => ({
      name,
      in: location,
      required: location === 'path' || required.has(name),
      description: descriptions[name],
      schema: typeof property === 'boolean' ? {} : property,
    }));
}

/** Several query parameters of which at most one may be sent, as one form-exploded object. */
function exclusiveGroup(schema: z.ZodObject, group: { name: string; keys: readonly string[]; description: string }, descriptions: Record<string, string>): Parameter {
  const properties = jsonSchemaOf(schema).properties ?? {};
  const members = Object.fromEntries(
    group.keys.map((key) => {
      const property = properties[key];
      const json = typeof property === 'object' ? property : {};
      return [key, { ...json, description: descriptions[key] }];
    }),
  );
  return {
    name: group.name,
    in: 'query',
    required: false,
    style: 'form',
    explode: true,
    description: group.description,
    schema: { type: 'object', properties: members, additionalProperties: false, maxProperties: 1 },
  };
}

function responseOf(response: ResponseDescription): Response {
  const content = response.schema ? jsonContent(jsonSchemaOf(response.schema)) : response.content;
  return { description: response.description, ...(response.headers ? { headers: response.headers } : {}), ...(content ? { content } : {}) };
}

function operationOf(described: OperationDescription): Operation {
  const { request } = described;
  // Any operation: a bad token is 401, and a client with too many requests in progress gets 429.
  const statuses = new Set<ErrorStatus>([...described.errors, 401, 429]);
  // Whatever takes input refuses input the document does not allow.
  if (request && (request.params || request.query || request.headers?.length || request.json || request.raw)) statuses.add(400);
  // The JSON body parser answers for the handler: malformed JSON, too large, unknown charset.
  if (request?.json) for (const status of [400, 413, 415] as const) statuses.add(status);
  // Any body on a JSON route that is not JSON is refused with 415 before the handler runs.
  if (described.method !== 'get' && !request?.raw) statuses.add(415);
  const responses: Operation['responses'] = {};
  for (const [status, response] of Object.entries(described.responses)) responses[status] = responseOf(response);
  for (const status of [...statuses].sort((a, b) => a - b)) responses[String(status)] = { $ref: `#/components/responses/${errorResponses[status].name}` };

  const group = request?.query?.atMostOne;
  const parameters: Parameter[] = [
    ...(request?.params ? parametersOf(request.params.schema, 'path', request.params.descriptions) : []),
    ...(request?.query ? parametersOf(request.query.schema, 'query', request.query.descriptions, group?.keys) : []),
    ...(request?.query && group ? [exclusiveGroup(request.query.schema, group, request.query.descriptions)] : []),
    ...(request?.headers ?? []).map((header) => ({ ...header, in: 'header' as const })),
  ];
  const body = request?.json
    ? {
        required: request.json.required,
        ...(request.json.description ? { description: request.json.description } : {}),
        content: jsonContent('$ref' in request.json.schema ? request.json.schema : jsonSchemaOf(request.json.schema)),
      }
    : request?.raw;
  return {
    operationId: described.operationId,
    summary: described.summary,
    ...(described.description ? { description: described.description } : {}),
    tags: [described.tag],
    security: security[described.access],
    ...(parameters.length ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
    ...described.extensions,
  };
}

/** Replaces each `x-codes` mark with the enum of codes of that kind (sorted, so the document is stable). */
function resolveCodes<T>(value: T, codes: ReferenceCodes): T {
  if (Array.isArray(value)) return value.map((item) => resolveCodes(item, codes)) as T;
  if (!value || typeof value !== 'object') return value;
  const { 'x-codes': kind, ...rest } = value as Record<string, unknown>;
  const resolved = Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, resolveCodes(child, codes)]));
  if (typeof kind === 'string') {
    const known = codes[kind];
    if (!known) throw new Error(`OpenAPI: no reference codes of kind ${kind}`);
    resolved.enum = [...known].sort();
  }
  return resolved as T;
}

/** Builds the whole document; pure, so the route builds it once per catalog version and tests can inspect it. */
export function buildOpenApiDocument(operations: readonly OperationDescription[], options: OpenApiOptions): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const schemas: Record<string, JsonSchema> = { ErrorEnvelope: { title: '错误', ...jsonSchemaOf(errorBodySchema) } };
  for (const operation of operations) {
    const item = (paths[openApiPath(operation.path)] ??= {});
    if (item[operation.method]) throw new Error(`OpenAPI: ${operation.method.toUpperCase()} ${operation.path} is described twice`);
    item[operation.method] = operationOf(operation);
    for (const [name, schema] of Object.entries(operation.components ?? {})) {
      if (schemas[name] && JSON.stringify(schemas[name]) !== JSON.stringify(schema)) throw new Error(`OpenAPI: two different schemas named ${name}`);
      schemas[name] = schema;
    }
  }
  const document: OpenApiDocument = {
    openapi: '3.1.1',
    info: {
      title: '共治包河 API',
      version: packageJson.version,
      description:
        '包河区网格化治理“共治包河”平台的接口：居民与网格员上报问题，各级单位受理、派单、处置、审核，居民评价与关注。\n\n' +
        '请求与回答的结构由服务端所用的 zod 模式生成，二者同源：符合本文档的请求不会因格式被拒（400），' +
        '只会因身份（401、403）、资源（404）、状态（409）或本文档无法表达的业务事实（422，如位置不在本区）被拒。\n\n' +
        '登录后在请求头带 `Authorization: Bearer <token>`。所有错误的回答形如 `{ error: { code, message, details? } }`，' +
        'code 稳定可供程序判断，message 为中文说明。不支持的请求方法回答 405 并在 Allow 头列出支持的方法。',
    },
    servers: [{ url: '/', description: '当前服务' }],
    tags: [
      { name: '系统', description: '健康检查与接口文档' },
      { name: '登录', description: '账号密码、微信小程序与演示账号登录' },
      { name: '分类目录', description: '管理服务清单：大类、小类、各环节责任单位与时限' },
      { name: '案件', description: '上报、列表、详情、办理流程中的各项操作与关注' },
      { name: '照片', description: '案件照片的上传与查看' },
      { name: '地点', description: '街镇、网格、小区与单位：上报选址、派单选单位用' },
      { name: '后台任务', description: '案件各步骤产生的后续任务：失败任务的查看与重试（系统管理员）' },
      { name: '消息', description: '站内消息：案件进展通知，本人与本单位共享的消息，未读数与已读' },
      { name: '账号', description: '账号管理：新建、停用与启用、调整角色与辖区、重置密码，每次变更留有记录' },
      { name: '议事协商', description: '小区议事：居委会或网格长发起议题，范围内已认证的居民（或每户）投票一次；票数计入后无人能把选票与投票人对应；结果、决定及由决定产生的案件' },
      { name: '住户身份', description: '居民申报住房、社区与网格审核、社区导入住户名册，以及居民所在网格的1+2+N团队' },
      { name: '统计分析', description: '按街镇、网格、大类、小类与单位的办理统计：趋势、单位考核排行、热点网格与环比；可导出 CSV 与 Excel；公开统计无须登录' },
      { name: '开放接口', description: 'Open311 GeoReport v2 的提交密钥：签发（只显示一次）、列表与吊销（系统管理员）。GeoReport v2 本身在 /open311/v2 下，按其规范提供 JSON 与 XML，不在本文档中' },
      { name: '热线', description: '12345、12319 热线工单：热线中心推送工单与通知（签名校验、防重放、按工单号幂等）' },
      { name: '入户走访', description: '重点服务人群登记、走访计划与待办、走访记录（可转案件）；敏感字段加密存储、默认脱敏，查看明文须说明原因，每次查看均留痕，审计记录由社区居委会查看' },
    ],
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.values(errorResponses).map(({ name, description }) => [name, { description, content: jsonContent(schemaRef('ErrorEnvelope')) }]),
      ),
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '登录接口返回的 token' } },
    },
  };
  return resolveCodes(document, options.codes);
}
