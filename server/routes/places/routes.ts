import type Router from '@koa/router';
import { maskPhone } from '../../../shared/policies/personal-data';
import { directoryPhoneDisclosure } from '../../../shared/policies/privacy';
import { compoundKindLabels, unitTypeLabels, type Compound, type Person, type Unit } from '../../../shared/domain/places';
import type { Actor } from '../../../shared/domain/roles';
import { listCompoundsSchema, listGridsSchema, listUnitsSchema, locatePointSchema, placeCodeParamSchema } from '../../../shared/schemas/places';
import { locateIn } from '../../../shared/routing';
import { optionalActorOf } from '../../http/auth';
import { errors } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { pageByCode } from '../../presenters/page';
import { describe } from '../../openapi/describe';
import {
  compoundDetailSchema,
  compoundListSchema,
  gridListSchema,
  placeAtPointSchema,
  streetListSchema,
  unitListSchema,
  type CompoundDetail,
  type CompoundList,
  type CompoundSummary,
  type GridList,
  type PlaceAtPoint,
  type StreetList,
  type UnitList,
  type UnitView,
} from '../../../shared/api/places';

const streetKindLabels = { street: '街道', town: '镇', large_community: '大社区', station_area: '片区' } as const;

/** Numbers of grid teams and units, as the privacy policy shows them to this viewer. */
const phoneFor = (actor: Actor | undefined, phone: string) => (directoryPhoneDisclosure(actor) === 'shown' ? phone : maskPhone(phone));
const personView = (actor: Actor | undefined, person: Person) => ({ name: person.name, phone: phoneFor(actor, person.phone) });

/** The district's places and units, read-only, from memory: streets, grids, compounds, units. */
export function placeRoutes(router: Router, deps: AppDeps): void {
  const reference = deps.useCases.places;
  const byCode = <T extends { code: string }>(items: Iterable<T>) => [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const streets = byCode(reference.streets.values());
  const grids = byCode(reference.grids.values());
  const compounds = byCode(reference.compounds.values());
  const units = byCode(reference.units);

  const compoundSummary = (compound: Compound): CompoundSummary => ({
    code: compound.code,
    name: compound.name,
    kind: compound.kind,
    kindLabel: compoundKindLabels[compound.kind],
    streetCode: compound.streetCode,
    gridCode: compound.gridCode,
    location: compound.location,
    buildingCount: compound.buildings.length,
    propertyUnit: compound.propertyUnitCode ? { code: compound.propertyUnitCode, name: reference.unitsByCode.get(compound.propertyUnitCode)?.name ?? compound.propertyUnitCode } : null,
  });
  const unitView = (actor: Actor | undefined, unit: Unit): UnitView => ({
    code: unit.code,
    name: unit.name,
    type: unit.type,
    typeLabel: unitTypeLabels[unit.type],
    streetCode: unit.streetCode ?? null,
    phone: phoneFor(actor, unit.phone),
  });

  const streetList: StreetList = {
    items: streets.map((street) => ({
      ...street,
      kindLabel: streetKindLabels[street.kind],
      gridCount: grids.filter((grid) => grid.streetCode === street.code).length,
      compoundCount: compounds.filter((compound) => compound.streetCode === street.code).length,
    })),
    nextCursor: null,
  };

  const pageDescriptions = { after: '翻页标记（上一页的 nextCursor）', limit: '每页条数，1–100' };
  describe(router, {
    method: 'get',
    path: '/api/v1/streets',
    operationId: 'listStreets',
    summary: '街镇列表',
    description: '13 个街镇（大社区）及高铁南站片区，含网格数与小区数。',
    tag: '地点',
    access: 'public',
    responses: { 200: { description: '全部街镇（一页）', schema: streetListSchema } },
    errors: [],
  });
  router.get('/api/v1/streets', async (ctx) => {
    ctx.body = streetList;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/grids',
    operationId: 'listGrids',
    summary: '网格列表（含 1+2+N 团队）',
    description: '未登录与居民看到的团队成员电话打码。按编号翻页：after 传上一页的 nextCursor。',
    tag: '地点',
    access: 'optional',
    request: { query: { schema: listGridsSchema, descriptions: { streetCode: '街镇编号', ...pageDescriptions } } },
    responses: { 200: { description: '一页网格', schema: gridListSchema } },
    errors: [400],
  });
  router.get('/api/v1/grids', async (ctx) => {
    const actor = optionalActorOf(ctx);
    const query = parseInput(listGridsSchema, ctx.query);
    const page = pageByCode(query.streetCode ? grids.filter((grid) => grid.streetCode === query.streetCode) : grids, query.after, query.limit);
    ctx.body = {
      items: page.items.map((grid) => ({
        code: grid.code,
        name: grid.name,
        streetCode: grid.streetCode,
        team: { leader: personView(actor, grid.team.leader), members: grid.team.members.map((member) => personView(actor, member)), volunteerCount: grid.team.volunteers.length },
      })),
      nextCursor: page.nextCursor,
    } satisfies GridList;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/compounds',
    operationId: 'listCompounds',
    summary: '小区列表',
    description: '居民选择所在小区、无定位上报时选择小区用。按编号翻页。',
    tag: '地点',
    access: 'public',
    request: {
      query: {
        schema: listCompoundsSchema,
        descriptions: { streetCode: '街镇编号', gridCode: '网格编号', kind: '小区类型：commodity 商品房、resettlement 回迁房、fund_raised 集资房', q: '按名称搜索', ...pageDescriptions },
      },
    },
    responses: { 200: { description: '一页小区', schema: compoundListSchema } },
    errors: [400],
  });
  router.get('/api/v1/compounds', async (ctx) => {
    const query = parseInput(listCompoundsSchema, ctx.query);
    const matching = compounds.filter(
      (compound) =>
        (!query.streetCode || compound.streetCode === query.streetCode) &&
        (!query.gridCode || compound.gridCode === query.gridCode) &&
        (!query.kind || compound.kind === query.kind) &&
        (!query.q || compound.name.includes(query.q)),
    );
    const page = pageByCode(matching, query.after, query.limit);
    ctx.body = { items: page.items.map(compoundSummary), nextCursor: page.nextCursor } satisfies CompoundList;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/compounds/:code',
    operationId: 'getCompound',
    summary: '小区详情（含楼栋与边界）',
    tag: '地点',
    access: 'public',
    request: { params: { schema: placeCodeParamSchema, descriptions: { code: '小区编号' } } },
    responses: { 200: { description: '小区详情', schema: compoundDetailSchema } },
    errors: [400, 404],
  });
  router.get('/api/v1/compounds/:code', async (ctx) => {
    const { code } = parseInput(placeCodeParamSchema, ctx.params);
    const compound = reference.compounds.get(code);
    if (!compound) throw errors.notFound('小区');
    ctx.body = { ...compoundSummary(compound), boundary: compound.boundary, buildings: compound.buildings, communityUnitCode: reference.communityOf(compound.code) ?? null } satisfies CompoundDetail;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/places/locate',
    operationId: 'locatePoint',
    summary: '按坐标查找街镇、网格与小区',
    description: '上报前由定位点得出所在街镇、网格和小区（与上报时的归属规则相同：先看小区边界，再看网格边界）。坐标为 GCJ-02；不在本区网格内时答 422。',
    tag: '地点',
    access: 'public',
    request: { query: { schema: locatePointSchema, descriptions: { lng: '经度（GCJ-02）', lat: '纬度（GCJ-02）' } } },
    responses: { 200: { description: '所在街镇、网格与小区', schema: placeAtPointSchema } },
    errors: [400, 422],
  });
  router.get('/api/v1/places/locate', async (ctx) => {
    const point = parseInput(locatePointSchema, ctx.query);
    const found = locateIn(reference.placeIndex, point);
    if (!found) throw errors.unprocessable('place.outside_district', '该位置不在包河区网格范围内，请从列表中选择小区', { fields: { location: ['该位置不在本区范围内'] } });
    const named = (place: { code: string; name: string }) => ({ code: place.code, name: place.name });
    ctx.body = { street: named(found.street), grid: named(found.grid), compound: found.compound ? named(found.compound) : null } satisfies PlaceAtPoint;
  });

  describe(router, {
    method: 'get',
    path: '/api/v1/units',
    operationId: 'listUnits',
    summary: '单位列表',
    description: '派单时选择主办、协办单位用；按街镇筛选时含服务该街镇的区级单位。居民与未登录时电话打码。',
    tag: '地点',
    access: 'optional',
    request: { query: { schema: listUnitsSchema, descriptions: { type: '单位类型', streetCode: '街镇编号', q: '按名称搜索', ...pageDescriptions } } },
    responses: { 200: { description: '一页单位', schema: unitListSchema } },
    errors: [400],
  });
  router.get('/api/v1/units', async (ctx) => {
    const actor = optionalActorOf(ctx);
    const query = parseInput(listUnitsSchema, ctx.query);
    const matching = units.filter(
      (unit) =>
        (!query.type || unit.type === query.type) &&
        // A street's list includes the district-level units that serve it too.
        (!query.streetCode || unit.streetCode === query.streetCode || !unit.streetCode) &&
        (!query.q || unit.name.includes(query.q)),
    );
    const page = pageByCode(matching, query.after, query.limit);
    ctx.body = { items: page.items.map((unit) => unitView(actor, unit)), nextCursor: page.nextCursor } satisfies UnitList;
  });
}
