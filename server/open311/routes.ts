import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { CaseRecord } from '../../shared/cases/types';
import { open311DateTime } from '../../shared/open311/dates';
import { formFields, listRequestsQuerySchema, listUpdatesQuerySchema, MAX_REQUESTS, postRequestSchema } from '../../shared/open311/queries';
import { serviceRequestOf, updatesOf, type PublicCaseView } from '../../shared/open311/requests';
import { findService, serviceDefinitionOf, servicesOf } from '../../shared/open311/services';
import type { UseCases } from '../commands/use-cases';
import { AppError, errors, open311Errors } from '../errors';
import { readRawBody } from '../http/raw-body';
import { presentCase } from '../presenters/case';
import { open311ErrorsOf, render, type Open311Body, type Open311Format } from './present';
import { defaultOpen311RateLimit, keyBuckets, type RateLimit } from './rate-limit';
import type { ZodType, z } from 'zod';

/** Where GeoReport v2 is served. */
export const open311Prefix = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** A filing's form is a few fields of text: anything larger is not one. */
const MAX_FORM_BYTES = 64 * 1024;

export interface Open311Deps {
  useCases: UseCases;
  logger: Logger;
  now: () => Date;
  production: boolean;
  rateLimit?: RateLimit;
}

type Handler = (ctx: Context, params: string[]) => Promise<Open311Body & { status?: number }>;
interface Route {
  pattern: RegExp;
  methods: Partial<Record<'GET' | 'POST', Handler>>;
}

function parse<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * GeoReport v2 under `/open311/v2`: every endpoint in `.json` and `.xml` with the same content,
 * errors as the spec's list with its status codes. Its own small dispatcher rather than the API
 * router: Open311 has its own error shape, its own document (the spec) and form-encoded posts, so
 * none of the JSON API's middleware applies. Reading is public and sees what the public case
 * view shows; filing needs an API key and is rate-limited per key.
 */
export function open311Routes(deps: Open311Deps): Middleware {
  const { useCases } = deps;
  const buckets = keyBuckets(deps.rateLimit ?? defaultOpen311RateLimit);

  /** A case as an anonymous viewer sees it: the privacy policy decides, never this adapter. */
  const present = async (record: CaseRecord): Promise<PublicCaseView> => {
    const view = await presentCase(useCases.places, record, { actor: undefined }, [], deps.now());
    if (view.view !== 'public') throw new Error('Open311 must only ever see the public view of a case');
    return view;
  };
  // Koa 3's ctx.origin is the Origin header: the server's own base comes from protocol and host.
  const baseOf = (ctx: Context) => `${ctx.protocol}://${ctx.host}`;
  const photoUrl = (ctx: Context) => (path: string) => `${baseOf(ctx)}${path}`;

  const routes: Route[] = [
    {
      pattern: /^discovery$/,
      methods: {
        GET: async (ctx) => {
          const catalog = await useCases.catalog.latest();
          const changeset = open311DateTime(catalog.publishedAt);
          return {
            root: 'discovery',
            value: {
              changeset,
              contact: '包河区城市运行管理中心；接口密钥向区级系统管理员申请',
              key_service: `${baseOf(ctx)}/api/v1/admin/open311-keys`,
              endpoints: [{ specification: SPECIFICATION, url: `${baseOf(ctx)}${open311Prefix}`, changeset, type: deps.production ? 'production' : 'test', formats: ['text/xml', 'application/json'] }],
            },
          };
        },
      },
    },
    {
      pattern: /^services$/,
      methods: { GET: async () => ({ root: 'services', value: servicesOf(await useCases.catalog.latest()) }) },
    },
    {
      pattern: /^services\/([^/]+)$/,
      methods: {
        GET: async (_ctx, [code]) => {
          const found = findService(await useCases.catalog.latest(), code!);
          if (!found) throw open311Errors.notFound('服务');
          return { root: 'service_definition', value: serviceDefinitionOf(found.subcategory) };
        },
      },
    },
    {
      pattern: /^requests$/,
      methods: {
        GET: async (ctx) => {
          const query = parse(listRequestsQuerySchema, ctx.query);
          const records = await useCases.open311.find(query);
          const views = await Promise.all(records.map((record) => present(record)));
          return { root: 'service_requests', value: views.map((view) => serviceRequestOf(view, photoUrl(ctx))) };
        },
        POST: async (ctx) => {
          if (!ctx.request.is('urlencoded')) throw new AppError('open311.bad_request', '请以表单格式提交（Content-Type: application/x-www-form-urlencoded）', 415);
          const bytes = await readRawBody(ctx, MAX_FORM_BYTES, {
            tooLarge: () => new AppError('open311.bad_request', '提交的内容过大', 413),
            interrupted: () => open311Errors.badRequest('提交中断'),
          });
          const fields = formFields(new URLSearchParams(bytes.toString('utf8')));
          // The key first: who may not file learns nothing about what a valid filing looks like.
          const key = await useCases.open311.verifyKey(typeof fields.api_key === 'string' ? fields.api_key : undefined);
          const allowed = buckets.take(key.id, deps.now());
          if (!allowed.ok) throw open311Errors.rateLimited(allowed.retryAfterSeconds);
          const form = parse(postRequestSchema, fields);
          const filed = await useCases.open311.file(key, form);
          return {
            status: 201,
            root: 'service_requests',
            value: [{ service_request_id: filed.caseId, token: filed.token, service_notice: `已受理，案件编号 ${filed.number}`, account_id: null }],
          };
        },
      },
    },
    {
      pattern: /^requests\/([^/]+)$/,
      methods: {
        GET: async (ctx, [id]) => {
          const [record] = /^[A-Za-z0-9_-]{1,64}$/.test(id!) ? await useCases.open311.find({ service_request_id: [id!] }) : [];
          if (!record) throw open311Errors.notFound('服务请求');
          return { root: 'service_requests', value: [serviceRequestOf(await present(record), photoUrl(ctx))] };
        },
      },
    },
    {
      pattern: /^tokens\/([^/]+)$/,
      methods: {
        GET: async (_ctx, [token]) => ({ root: 'service_requests', value: [{ service_request_id: await useCases.open311.caseIdOfToken(token!), token: token! }] }),
      },
    },
    {
      pattern: /^servicerequestupdates$/,
      methods: {
        GET: async (ctx) => {
          const query = parse(listUpdatesQuerySchema, ctx.query);
          const { records, from, to } = await useCases.open311.updated(query);
          const updates = [];
          for (const record of records) {
            const view = await present(record);
            const inWindow = view.timeline.map((entry) => new Date(entry.at) >= from && new Date(entry.at) <= to);
            updates.push(...updatesOf(view).filter((_, index) => inWindow[index]));
          }
          // Oldest first, as a feed is read; the newest 1000 when there are more.
          updates.sort((a, b) => Date.parse(a.updated_datetime) - Date.parse(b.updated_datetime) || a.update_id.localeCompare(b.update_id));
          return { root: 'service_request_updates', value: updates.slice(-MAX_REQUESTS) };
        },
      },
    },
  ];

  return async (ctx, next) => {
    if (ctx.path !== open311Prefix && !ctx.path.startsWith(`${open311Prefix}/`)) return next();
    const rest = ctx.path.slice(open311Prefix.length + 1);
    const extension = /^(.+)\.([A-Za-z0-9]+)$/.exec(rest);
    // Without a format the spec has no answer; JSON is the one a browser reads.
    const format: Open311Format = extension?.[2] === 'xml' ? 'xml' : 'json';
    try {
      if (!extension) throw open311Errors.notFound('接口');
      if (extension[2] !== 'json' && extension[2] !== 'xml') throw open311Errors.unsupportedFormat();
      const resource = extension[1]!;
      let params: string[] | undefined;
      const route = routes.find((candidate) => {
        const match = candidate.pattern.exec(resource);
        if (match) params = match.slice(1).map((part) => decodeURIComponent(part));
        return match !== null;
      });
      if (!route || !params) throw open311Errors.notFound('接口');
      const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
      const handler = route.methods[method as 'GET' | 'POST'];
      if (!handler) {
        const allow = Object.keys(route.methods).flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
        ctx.set('Allow', allow.join(', '));
        throw new AppError('open311.method_not_allowed', `该接口不支持 ${ctx.method} 方法`, 405);
      }
      const { status, ...body } = await handler(ctx, params);
      render(ctx, format, status ?? 200, body);
    } catch (caught) {
      const failure = open311ErrorsOf(caught instanceof URIError ? errors.validation({ path: ['路径编码无效'] }) : caught);
      if (failure.status >= 500) deps.logger.error({ err: caught, path: ctx.path }, 'Open311 request failed');
      if (failure.retryAfterSeconds) ctx.set('Retry-After', String(failure.retryAfterSeconds));
      render(ctx, format, failure.status, { root: 'errors', value: failure.errors });
    }
  };
}
