import type Router from '@koa/router';
import { z } from 'zod';
import type { Catalog } from '../../shared/catalog/types';
import type { AppDeps } from '../http/app';
import { describe, describedOperations } from '../openapi/describe';
import { buildOpenApiDocument, type ReferenceCodes } from '../openapi/document';
import type { ReferencePort } from '../commands/ports';
import { nonDepartmentUnitTypes } from '../commands/accounts';

/** The codes the document lists as enums: what exists now, so a request it allows names real things. */
export function referenceCodes(reference: ReferencePort, catalog: Catalog): ReferenceCodes {
  return {
    category: catalog.categories.map((category) => category.code),
    subcategory: catalog.categories.flatMap((category) => category.subcategories.map((subcategory) => subcategory.code)),
    compound: [...reference.compounds.keys()],
    // Account assignments: each kind of place an account can be given (server/commands/accounts.ts).
    grid: [...reference.grids.keys()],
    street: [...reference.streets.keys()],
    community_unit: reference.communities.map((community) => community.unitCode).filter((code) => reference.unitsByCode.get(code)?.type === 'community'),
    property_unit: reference.units.filter((unit) => unit.type === 'property_company').map((unit) => unit.code),
    department_unit: reference.units.filter((unit) => !nonDepartmentUnitTypes.has(unit.type)).map((unit) => unit.code),
  };
}

/**
 * `GET /api/openapi.json`: the API as OpenAPI 3.1, from the descriptions every route recorded on
 * `router`. Built on the first request and again only when a new catalog version is published
 * (its subcategory codes are in the document).
 */
export function openapiRoutes(router: Router, deps: Pick<AppDeps, 'useCases'>): void {
  const { catalog: catalogs, places } = deps.useCases;
  let built: { catalogVersion: number; json: string } | undefined;
  describe(router, {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    summary: '接口说明文档（本文档）',
    tag: '系统',
    access: 'public',
    responses: { 200: { description: 'OpenAPI 3.1 文档', schema: z.looseObject({ openapi: z.string() }) } },
    errors: [],
  });
  router.get('/api/openapi.json', async (ctx) => {
    const catalog = await catalogs.latest();
    if (built?.catalogVersion !== catalog.version) {
      const document = buildOpenApiDocument(describedOperations(router), { codes: referenceCodes(places, catalog) });
      built = { catalogVersion: catalog.version, json: JSON.stringify(document) };
    }
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = built.json;
  });
}
