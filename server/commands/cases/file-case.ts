import { randomBytes } from 'node:crypto';
import { fileCase } from '../../../shared/cases/machine';
import type { CaseRecord, CaseSource } from '../../../shared/cases/types';
import type { Actor, Role } from '../../../shared/domain/roles';
import { locateCompound, locateIn } from '../../../shared/routing';
import type { FileCaseFields } from '../../../shared/schemas/cases';
import { errors, fromCaseError } from '../../errors';
import type { CaseCommandDeps, ReferencePort } from '../ports';
import { withClaimedPhotos } from './claim-photos';

const filingSources: Partial<Record<Role, CaseSource>> = {
  resident: 'resident_app',
  grid_member: 'grid_patrol',
  grid_leader: 'grid_patrol',
  street_dispatcher: 'hotline',
  district_dispatcher: 'hotline',
};

const newCaseId = () => randomBytes(12).toString('base64url');

/**
 * Files a case: checks the subcategory against the current catalog, locates the place (map point,
 * else the compound), checks the photos are the reporter's own, and stores the new case. Nothing
 * is written unless every check passes.
 */
export async function fileCaseCommand(deps: CaseCommandDeps, actor: Actor, input: FileCaseFields): Promise<CaseRecord> {
  const role = actor.role;
  const source = role === 'system' ? undefined : filingSources[role];
  if (!source || role === 'system') throw errors.forbidden('case.filing_not_allowed', '当前身份不能上报案件');
  const now = deps.now();
  const entry = await deps.reference.currentEntry(input.subcategoryCode, now.getTime());
  if (!entry) throw errors.validation({ subcategoryCode: ['问题小类不存在'] });

  const place = locate(deps.reference, input);
  const id = newCaseId();

  const compound = place.compoundCode ? deps.reference.compounds.get(place.compoundCode) : undefined;
  const building = compound?.buildings.find((b) => b.code === input.buildingCode);
  const result = fileCase(
    {
      id,
      number: '',
      catalogVersion: entry.catalog.version,
      title: input.title ?? `${entry.subcategory.name}${compound ? `（${compound.name}）` : ''}`,
      description: input.description,
      location: place.point,
      address: input.address ?? [deps.reference.streets.get(place.streetCode)?.name, compound?.name, building?.name].filter(Boolean).join(' '),
      streetCode: place.streetCode,
      gridCode: place.gridCode,
      compoundCode: place.compoundCode,
      buildingCode: building?.code,
      source,
      reporter: { accountId: actor.id, role, name: actor.name, phone: input.contactPhone, anonymous: input.anonymous },
      photos: input.photos,
    },
    { actor, now, subcategory: entry.subcategory, calendar: deps.reference.calendar },
  );
  if (!result.ok) throw fromCaseError(result.error, { bodyParsed: true });
  return withClaimedPhotos(deps, input.photos, id, actor.id, async () => {
    // The number is drawn only for a filing the machine accepted: a refusal must not leave a gap in the day's sequence.
    const record: CaseRecord = { ...result.next, number: await deps.store.nextCaseNumber(now) };
    await deps.store.insert(record, { communityUnitCode: deps.reference.communityOf(place.compoundCode) });
    return record;
  });
}


interface Place {
  point?: { lng: number; lat: number };
  streetCode: string;
  gridCode: string;
  compoundCode?: string;
}

function locate(reference: ReferencePort, input: FileCaseFields): Place {
  if (input.location) {
    const found = locateIn(reference.placeIndex, input.location);
    if (!found) throw errors.unprocessable('case.outside_district', '所选位置不在包河区网格范围内', { fields: { location: ['所选位置不在本区范围内'] } });
    if (input.compoundCode && found.compound?.code !== input.compoundCode && !reference.compounds.has(input.compoundCode)) {
      throw errors.validation({ compoundCode: ['小区不存在'] });
    }
    const compoundCode = found.compound?.code ?? (input.compoundCode && reference.compounds.get(input.compoundCode)?.gridCode === found.grid.code ? input.compoundCode : undefined);
    // A building must belong to the compound the point resolved to, else it would be dropped without a word.
    const buildings = compoundCode ? (reference.compounds.get(compoundCode)?.buildings ?? []) : [];
    if (input.buildingCode && !buildings.some((b) => b.code === input.buildingCode)) throw errors.unprocessable('case.building_mismatch', '楼栋与所选位置不符', { fields: { buildingCode: ['楼栋与所选位置不符'] } });
    return { point: input.location, streetCode: found.street.code, gridCode: found.grid.code, compoundCode };
  }
  const found = locateCompound(input.compoundCode!, reference.placeIndex);
  if (!found) throw errors.validation({ compoundCode: ['小区不存在'] });
  if (input.buildingCode && !found.compound.buildings.some((b) => b.code === input.buildingCode)) {
    throw errors.unprocessable('case.building_mismatch', '该小区没有这个楼栋', { fields: { buildingCode: ['该小区没有这个楼栋'] } });
  }
  return { point: found.point, streetCode: found.street.code, gridCode: found.grid.code, compoundCode: found.compound.code };
}

