import Router from '@koa/router';
import type Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { caseEventTypes } from '../../shared/cases/events';
import { createApp } from '../http/app';
import { startTestApp, type TestApp } from '../testing/app';
import { buildOpenApiDocument, type OpenApiDocument } from './document';

let app: TestApp;
let document: OpenApiDocument;

beforeAll(async () => {
  app = await startTestApp({ label: 'openapi' });
  document = buildOpenApiDocument({ photoMaxBytes: app.deps.config.uploads.maxBytes });
});
afterAll(async () => app.close());

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** `METHOD /path` for every route on the app's routers, in OpenAPI's `{param}` form. */
function registeredRoutes(koa: Koa): string[] {
  const routers = koa.middleware.flatMap((middleware) => {
    const router = (middleware as { router?: unknown }).router;
    return router instanceof Router ? [router] : [];
  });
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

describe('the OpenAPI document', () => {
  it('describes every route the app registers, and no other', () => {
    const registered = registeredRoutes(createApp(app.deps)).sort();
    expect(documentedRoutes(document).sort()).toEqual(registered);
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('has the shape of an OpenAPI 3.1 document', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: '共治包河 API', version: packageJson.version });
    expect(document.info.description).toMatch(/[\u4e00-\u9fff]/);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      expect(path).toMatch(/^\/api\//);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toBeTruthy();
        expect(operationIds.has(operation.operationId), `${where}: operationId repeated`).toBe(false);
        operationIds.add(operation.operationId);
        expect(operation.summary, where).toMatch(/[\u4e00-\u9fff]/);
        expect(operation.tags.every((tag) => document.tags.some((declared) => declared.name === tag)), where).toBe(true);
        const pathParameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
        expect(pathParameters.map((parameter) => parameter.name).sort(), `${where}: path parameters`).toEqual(templated);
        expect(pathParameters.every((parameter) => parameter.required)).toBe(true);
        const statuses = Object.keys(operation.responses);
        expect(statuses.some((status) => /^2\d\d$/.test(status)), `${where}: a success response`).toBe(true);
        // Any route answers 401 to an unusable Authorization header: the middleware runs first.
        expect(statuses, where).toContain('401');
      }
    }
  });

  it('resolves every $ref within the document', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(0);
    const dangling = refs.filter((ref) => resolve(document, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it('points every error response at the error envelope', () => {
    for (const response of Object.values(document.components.responses)) {
      expect(response.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ErrorEnvelope' });
    }
    expect(document.components.schemas.ErrorEnvelope).toMatchObject({ type: 'object', required: ['error'] });
  });

  it('documents the case events as one path: type enum, If-Match, a body per type', () => {
    const operation = document.paths['/api/v1/cases/{id}/events/{type}']!.post!;
    const type = operation.parameters!.find((parameter) => parameter.name === 'type')!;
    expect(type.schema.enum).toEqual(caseEventTypes);
    expect(operation.parameters!.find((parameter) => parameter.in === 'header')).toMatchObject({ name: 'If-Match', required: false });
    const body = operation.requestBody!.content['application/json']!.schema!;
    expect(body.anyOf).toHaveLength(caseEventTypes.length);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']));
  });

  it('writes what JSON Schema cannot hold in its JSON form: a date as an ISO string, refinements as notes', () => {
    const suspend = document.components.schemas['CaseEventBody.suspend']!;
    expect(suspend.properties?.until).toMatchObject({ type: 'string', format: 'date-time' });
    expect(suspend.required).toEqual(['reason', 'until']);
    expect(document.components.schemas.FileCase!.description).toContain('compoundCode');
  });

  it('takes query parameters from the request schemas, with defaults and enums', () => {
    const list = document.paths['/api/v1/cases']!.get!.parameters!;
    expect(list.find((parameter) => parameter.name === 'view')).toMatchObject({ in: 'query', required: true, schema: { type: 'string' } });
    expect(list.find((parameter) => parameter.name === 'limit')).toMatchObject({ required: false, schema: { type: 'integer', default: 20, maximum: 50 } });
    expect(list.every((parameter) => parameter.description)).toBe(true);
    const upload = document.paths['/api/v1/photos']!.post!.requestBody!;
    expect(upload.content['application/octet-stream']!.schema).toEqual({ type: 'string', format: 'binary' });
  });
});

describe('GET /api/openapi.json', () => {
  it('answers 200 with the document as JSON, the same on every request', async () => {
    const first = await app.server.request('GET', '/api/openapi.json');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.body).toEqual(JSON.parse(JSON.stringify(document)));
    const second = await app.server.request('GET', '/api/openapi.json');
    expect(second.body).toEqual(first.body);
  });
});
