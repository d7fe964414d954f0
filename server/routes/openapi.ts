import type Router from '@koa/router';
import { buildOpenApiDocument } from '../openapi/document';
import type { AppDeps } from '../http/app';

/** `GET /api/openapi.json`: the API as OpenAPI 3.1, built on the first request and kept. */
export function openapiRoutes(router: Router, deps: Pick<AppDeps, 'config'>): void {
  let json: string | undefined;
  router.get('/api/openapi.json', (ctx) => {
    json ??= JSON.stringify(buildOpenApiDocument({ photoMaxBytes: deps.config.uploads.maxBytes }));
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = json;
  });
}
