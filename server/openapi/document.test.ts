import Router from '@koa/router';
import type Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { caseDetailSchema, caseListSchema } from '../../shared/api/cases';
import { errorBodySchema } from '../../shared/api/errors';
import { caseEventTypes } from '../../shared/cases/events';
import { createApp } from '../http/app';
import { startTestApp, type TestApp } from '../testing/app';
import { describedOperations } from './describe';
import { buildOpenApiDocument, type OpenApiDocument } from './document';

let app: TestApp;
let document: OpenApiDocument;

beforeAll(async () => {
  app = await startTestApp({ label: 'openapi' });
  document = (await app.server.request('GET', '/api/openapi.json')).body;
});
afterAll(async () => app.close());

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

function routersOf(koa: Koa): Router[] {
  return koa.middleware.flatMap((middleware) => {
    const router = (middleware as { router?: unknown }).router;
    return router instanceof Router ? [router] : [];
  });
}

/** `METHOD /path` for every route on the app's routers, in OpenAPI's `{param}` form. */
function registeredRoutes(koa: Koa): string[] {
  const routers = routersOf(koa);
  expect(routers.length).toBeGreaterThan(0);
  return routers.flatMap((router) =>
    router.stack.flatMap((layer) =>
      layer.methods
        // HEAD is added by the router to every GET; it is not a route of ours.
        .filter((method) => method !== 'HEAD')
        .map((method) => `${method} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
    ),
  );
}

function documentedRoutes(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => (methods as readonly string[]).includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refsIn(child, found);
    }
  }
  return found;
}

/** Follows a local JSON pointer (`#/components/schemas/X`); undefined when it leads nowhere. */
function resolve(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const operations = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, path, operation })));

describe('the OpenAPI document', () => {
  it('describes every route the app registers, and no other', () => {
    const registered = registeredRoutes(createApp(app.deps)).sort();
    expect(documentedRoutes(document).sort()).toEqual(registered);
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('is built from the descriptions recorded beside the handlers, and refuses one described twice', () => {
    const [router] = routersOf(createApp(app.deps));
    const described = describedOperations(router!);
    expect(described.length).toBe(documentedRoutes(document).length);
    expect(() => buildOpenApiDocument([described[0]!, described[0]!], { codes: {} })).toThrow(/described twice/);
  });

  it('has the shape of an OpenAPI 3.1 document', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: '共治包河 API', version: packageJson.version });
    expect(document.info.description).toMatch(/[\u4e00-\u9fff]/);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

    const operationIds = new Set<string>();
    for (const { where, path, operation } of operations(document)) {
      expect(path).toMatch(/^\/api\//);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(operation.operationId, where).toBeTruthy();
      expect(operationIds.has(operation.operationId), `${where}: operationId repeated`).toBe(false);
      operationIds.add(operation.operationId);
      expect(operation.summary, where).toMatch(/[\u4e00-\u9fff]/);
      expect(operation.tags.every((tag) => document.tags.some((declared) => declared.name === tag)), where).toBe(true);
      const pathParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
      expect(pathParameters.map((parameter) => parameter.name).sort(), `${where}: path parameters`).toEqual(templated);
      expect(pathParameters.every((parameter) => parameter.required && (parameter.schema.pattern || parameter.schema.type === 'integer')), `${where}: path parameters have a format`).toBe(true);
      // Any route answers 401 to an unusable Authorization header: the middleware runs first.
      expect(Object.keys(operation.responses), where).toContain('401');
    }
  });

  it('gives every success response of every operation a body schema', () => {
    for (const { where, operation } of operations(document)) {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      expect(successes.length, where).toBeGreaterThan(0);
      for (const [status, response] of successes) {
        const content = 'content' in response ? response.content : undefined;
        expect(content, `${where} ${status}`).toBeDefined();
        for (const media of Object.values(content!)) expect(media.schema, `${where} ${status}`).toBeDefined();
      }
    }
  });

  it('resolves every $ref within the document', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => resolve(document, ref) === undefined)).toEqual([]);
  });

  it('points every error response at the error envelope', () => {
    for (const response of Object.values(document.components.responses)) {
      expect(response.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    }
    expect(document.components.schemas.ErrorEnvelope).toMatchObject({ type: 'object', required: ['error'], additionalProperties: false });
  });

  it('documents each case event as its own operation, with its own body and If-Match', () => {
    for (const type of caseEventTypes) {
      const operation = document.paths[`/api/v1/cases/{id}/events/${type}`]?.post;
      expect(operation, type).toBeDefined();
      expect(operation!.parameters!.find((parameter) => parameter.in === 'header')).toMatchObject({ name: 'If-Match', required: false });
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']));
    }
    const reject = document.paths['/api/v1/cases/{id}/events/reject']!.post!.requestBody!;
    expect(reject.required).toBe(true);
    expect(reject.content['application/json']!.schema).toMatchObject({ required: ['reason'], additionalProperties: false });
    expect(document.paths['/api/v1/cases/{id}/events/accept']!.post!.requestBody!.required).toBe(false);
    const suspend = document.paths['/api/v1/cases/{id}/events/suspend']!.post!.requestBody!.content['application/json']!.schema!;
    expect(suspend.properties?.until).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('states what the server enforces: codes that must exist, refinements, one list filter, trimmed lengths', async () => {
    const catalog = (await app.server.request('GET', '/api/v1/catalog')).body as { categories: { code: string; subcategories: { code: string }[] }[] };
    const subcategoryCodes = catalog.categories.flatMap((category) => category.subcategories.map((subcategory) => subcategory.code)).sort();
    const filing = document.paths['/api/v1/cases']!.post!.requestBody!.content['application/json']!.schema!;
    expect(filing.properties?.subcategoryCode).toMatchObject({ enum: subcategoryCodes });
    expect((filing.properties?.compoundCode as { enum: string[] }).enum).toHaveLength(app.reference.compounds.size);
    expect(filing.anyOf).toEqual([{ required: ['location'] }, { required: ['compoundCode'] }]);
    expect(filing.dependentRequired).toEqual({ buildingCode: ['compoundCode'] });
    // "     a" passes minLength 5 but trims to one character: the pattern refuses it.
    expect(new RegExp((filing.properties?.description as { pattern: string }).pattern).test('     a')).toBe(false);
    expect(new RegExp((filing.properties?.description as { pattern: string }).pattern).test(' 路口违停了 ')).toBe(true);
    expect(JSON.stringify(document)).not.toContain('x-codes');

    const list = document.paths['/api/v1/cases']!.get!.parameters!;
    expect(list.find((parameter) => parameter.name === 'view')).toMatchObject({ in: 'query', required: true, schema: { type: 'string' } });
    expect(list.find((parameter) => parameter.name === 'limit')).toMatchObject({ required: false, schema: { type: 'integer', default: 20, maximum: 50 } });
    expect(list.find((parameter) => parameter.name === 'status')).toBeUndefined();
    expect(list.find((parameter) => parameter.name === 'filter')).toMatchObject({ in: 'query', style: 'form', explode: true, schema: { type: 'object', maxProperties: 1 } });
    expect(list.every((parameter) => parameter.description)).toBe(true);

    const upload = document.paths['/api/v1/photos']!.post!.requestBody!;
    expect(Object.keys(upload.content)).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream']));
    expect(upload.content['image/jpeg']!.schema).toMatchObject({ type: 'string', format: 'binary', maxLength: app.deps.config.uploads.maxBytes });
  });
});

describe('GET /api/openapi.json', () => {
  it('answers 200 with the document as JSON, the same on every request', async () => {
    const first = await app.server.request('GET', '/api/openapi.json');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const second = await app.server.request('GET', '/api/openapi.json');
    expect(second.body).toEqual(first.body);
  });
});

describe('methods a path does not take', () => {
  it('answers 405 with Allow and the error body, for a known method and for one no route takes', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH', 'PROPFIND']) {
      const response = await app.server.request(method, '/api/v1/cases');
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['GET', 'HEAD', 'POST']);
      expect(errorBodySchema.parse(response.body).error.code).toBe('route.method_not_allowed');
    }
  });

  it('still answers 404 for a path no route matches, and OPTIONS with Allow', async () => {
    const missing = await app.server.request('PROPFIND', '/api/v1/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('route.not_found');
    const options = await app.server.request('OPTIONS', '/api/v1/catalog');
    expect(options.status).toBe(200);
    expect(options.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['GET', 'HEAD', 'POST']);
  });
});

describe('responses and their schemas', () => {
  it('a filed case, its detail and the lists parse with the shared schemas, as the app will read them', async () => {
    const token = await app.token('resident01');
    const catalog = await app.reference.latestCatalog(app.clock.now().getTime());
    const withoutPhoto = catalog.categories.flatMap((category) => category.subcategories).find((subcategory) => !subcategory.photoRequiredToFile)!;
    const filed = await app.server.request('POST', '/api/v1/cases', {
      token,
      body: { subcategoryCode: withoutPhoto.code, description: '路口多辆汽车违停，影响通行', compoundCode: [...app.reference.compounds.keys()][0] },
    });
    expect(filed.status).toBe(201);
    const detail = caseDetailSchema.parse((await app.server.request('GET', `/api/v1/cases/${filed.body.id}`, { token })).body);
    expect(detail.filedAt).toBeInstanceOf(Date);
    expect(detail.view).toBe('full');
    const publicView = caseDetailSchema.parse((await app.server.request('GET', `/api/v1/cases/${filed.body.id}`)).body);
    expect(publicView.view).toBe('public');
    const mine = caseListSchema.parse((await app.server.request('GET', '/api/v1/cases?view=mine', { token })).body);
    expect(mine.items.map((item) => item.id)).toContain(filed.body.id);
  });
});
