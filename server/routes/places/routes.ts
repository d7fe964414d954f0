import type Router from '@koa/router';
import { maskPhone } from '../../../shared/policies/personal-data';
import { directoryPhoneDisclosure } from '../../../shared/policies/privacy';
import { compoundKindLabels, unitTypeLabels, type Compound, type Person, type Unit } from '../../../shared/domain/places';
import type { Actor } from '../../../shared/domain/roles';
import { listCompoundsSchema, listGridsSchema, listUnitsSchema, placeCodeParamSchema } from '../../../shared/schemas/places';
import { optionalActorOf } from '../../http/auth';
import { errors } from '../../http/errors';
import { parseInput } from '../../http/validate';
import type { AppDeps } from '../../http/app';
import { pageByCode } from '../../presenters/page';

const streetKindLabels = { street: '街道', town: '镇', large_community: '大社区', station_area: '片区' } as const;

/** Numbers of grid teams and units, as the privacy policy shows them to this viewer. */
const phoneFor = (actor: Actor | undefined, phone: string) => (directoryPhoneDisclosure(actor) === 'shown' ? phone : maskPhone(phone));
const personView = (actor: Actor | undefined, person: Person) => ({ name: person.name, phone: phoneFor(actor, person.phone) });

/** The district's places and units, read-only, from memory: streets, grids, compounds, units. */
export function placeRoutes(router: Router, deps: AppDeps): void {
  const { reference } = deps;
  const byCode = <T extends { code: string }>(items: Iterable<T>) => [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const streets = byCode(reference.streets.values());
  const grids = byCode(reference.grids.values());
  const compounds = byCode(reference.compounds.values());
  const units = byCode(reference.units);

  const compoundSummary = (compound: Compound) => ({
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
  const unitView = (actor: Actor | undefined, unit: Unit) => ({
    code: unit.code,
    name: unit.name,
    type: unit.type,
    typeLabel: unitTypeLabels[unit.type],
    streetCode: unit.streetCode ?? null,
    phone: phoneFor(actor, unit.phone),
  });

  const streetList = {
    items: streets.map((street) => ({
      ...street,
      kindLabel: streetKindLabels[street.kind],
      gridCount: grids.filter((grid) => grid.streetCode === street.code).length,
      compoundCount: compounds.filter((compound) => compound.streetCode === street.code).length,
    })),
    nextCursor: null,
  };

  router.get('/api/v1/streets', async (ctx) => {
    ctx.body = streetList;
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
    };
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
    ctx.body = { items: page.items.map(compoundSummary), nextCursor: page.nextCursor };
  });

  router.get('/api/v1/compounds/:code', async (ctx) => {
    const { code } = parseInput(placeCodeParamSchema, ctx.params);
    const compound = reference.compounds.get(code);
    if (!compound) throw errors.notFound('小区');
    ctx.body = { ...compoundSummary(compound), boundary: compound.boundary, buildings: compound.buildings, communityUnitCode: reference.communityOf(compound.code) ?? null };
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
    ctx.body = { items: page.items.map((unit) => unitView(actor, unit)), nextCursor: page.nextCursor };
  });
}
