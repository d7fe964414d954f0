import { randomBytes } from 'node:crypto';
import type { Subcategory } from '../../shared/catalog/types';
import type { CaseEventInput, CaseEventType } from '../../shared/cases/events';
import { allowedEvents, dueSystemEvents, fileCase, transition } from '../../shared/cases/machine';
import { checkEventRule } from '../../shared/cases/rules';
import { isOpen } from '../../shared/cases/states';
import type { CaseRecord, CaseSource, Effect } from '../../shared/cases/types';
import type { Actor, Role } from '../../shared/domain/roles';
import { systemActor } from '../../shared/domain/roles';
import { chooseResponsibleUnit, distanceMetres, locateCompound, locateIn } from '../../shared/routing';
import { coarsenPoint } from '../../shared/cases/visibility';
import type { FileCaseFields, ListCasesQuery } from '../../shared/schemas/cases';
import { caseEventBodySchemas } from '../../shared/schemas/cases';
import { errors, fieldErrorsOf, fromCaseError } from '../errors';
import type { ReferenceData } from '../reference/reference-data';
import type { CaseListScope, CaseStore, Page } from './ports';

/** Attaching uploaded photos to a case: the photo adapter implements it. */
export interface PhotoPort {
  /**
   * Attaches the photos to the case if every one exists, is `ownerId`'s and is free (or already
   * this case's); otherwise attaches none and answers the ids that are not usable.
   */
  claim(photoIds: string[], caseId: string, ownerId: string): Promise<string[]>;
  /** Undoes a claim whose case write did not happen. */
  release(photoIds: string[], caseId: string): Promise<void>;
}

export interface CaseCommandDeps {
  store: CaseStore;
  reference: ReferenceData;
  photos: PhotoPort;
  now: () => Date;
}

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

/**
 * Claims the photos for the case, then runs the write; if the write does not happen, the claim is
 * released. Claiming first means two filings racing for the same photos (a double tap) cannot
 * both show them: the second is refused before it writes anything.
 */
async function withClaimedPhotos<T>(deps: CaseCommandDeps, photoIds: string[], caseId: string, ownerId: string, write: () => Promise<T>): Promise<T> {
  const unusable = await deps.photos.claim(photoIds, caseId, ownerId);
  if (unusable.length > 0) throw errors.unprocessable('case.photos_unusable', '照片不存在或不属于您', { fields: { photos: [`照片不存在或不属于您：${unusable.join('、')}`] } });
  try {
    return await write();
  } catch (error) {
    await deps.photos.release(photoIds, caseId);
    throw error;
  }
}

interface Place {
  point?: { lng: number; lat: number };
  streetCode: string;
  gridCode: string;
  compoundCode?: string;
}

function locate(reference: ReferenceData, input: FileCaseFields): Place {
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

/** The subcategory a case was filed under, from the catalog version it keeps. */
async function subcategoryOf(deps: CaseCommandDeps, record: CaseRecord): Promise<Subcategory> {
  const entry = await deps.reference.entryOf(record);
  if (!entry) throw new Error(`case ${record.id}: subcategory ${record.subcategoryCode} missing from catalog v${record.catalogVersion}`);
  return entry.subcategory;
}

export async function loadCase(deps: CaseCommandDeps, id: string): Promise<CaseRecord> {
  const record = await deps.store.findById(id);
  if (!record) throw errors.notFound('案件');
  return record;
}

/**
 * Applies one lifecycle event for `actor`. Refusals come from the machine (same rules as the
 * buttons); references the machine cannot check — units, the merge target, photos — are checked
 * here first. The write is conditional on the version read, so of two people acting at once one
 * wins and the other gets 409.
 */
export async function actOnCase(
  deps: CaseCommandDeps,
  actor: Actor,
  id: string,
  type: CaseEventType,
  body: Record<string, unknown>,
  expectedVersion?: number,
): Promise<{ record: CaseRecord; effects: Effect[] }> {
  const record = await loadCase(deps, id);
  if (expectedVersion !== undefined && expectedVersion !== record.version) {
    throw errors.conflict('case.version_conflict', '案件已被他人更新，请刷新后重试', { currentVersion: record.version });
  }
  const now = deps.now();
  // Who may act is decided before what they sent is examined: a refused actor learns nothing
  // about the case's units or related cases from validation answers.
  const refusal = checkEventRule(record, actor, type, now);
  if (refusal) throw fromCaseError(refusal);
  const parsed = caseEventBodySchemas[type].safeParse(body);
  if (!parsed.success) throw errors.validation(fieldErrorsOf(parsed.error));
  const event = { ...parsed.data, type } as CaseEventInput;
  await checkReferences(deps, actor, record, event);

  const result = transition(record, event, { actor, now, subcategory: await subcategoryOf(deps, record), calendar: deps.reference.calendar });
  if (!result.ok) throw fromCaseError(result.error, { bodyParsed: true });
  // Effects on other cases are idempotent and go first: if the step's own write then loses a
  // race, a retry repeats them harmlessly, whereas done after it a failure would be lost for good.
  await applyCrossCaseEffects(deps, result.effects, record);
  const photos = 'photos' in event ? (event.photos ?? []) : [];
  await withClaimedPhotos(deps, photos, id, actor.id, async () => {
    if (!(await deps.store.replaceIfVersion(result.next, record.version))) {
      throw errors.conflict('case.version_conflict', '案件已被他人更新，请刷新后重试');
    }
  });
  return { record: result.next, effects: result.effects };
}

async function checkReferences(deps: CaseCommandDeps, actor: Actor, record: CaseRecord, event: CaseEventInput): Promise<void> {
  if (event.type === 'dispatch' || event.type === 'reassign') {
    const fields: Record<string, string[]> = {};
    const lead = deps.reference.unitsByCode.get(event.leadUnitCode);
    // A street-level unit serves its own street only (the routing rule): one of another street
    // would see a reporter it has no business with.
    const servesCase = (unit: { streetCode?: string }) => !unit.streetCode || unit.streetCode === record.streetCode;
    if (!lead) fields.leadUnitCode = ['主办单位不存在'];
    else if (lead.type !== event.leadUnitType) fields.leadUnitType = ['单位类型与主办单位不符'];
    else if (!servesCase(lead)) fields.leadUnitCode = ['该单位不负责本案所在街镇'];
    (event.cohandlers ?? []).forEach((cohandler, index) => {
      const unit = deps.reference.unitsByCode.get(cohandler.unitCode);
      if (!unit || unit.type !== cohandler.unitType) fields[`cohandlers.${index}`] = ['协办单位不存在或类型不符'];
      else if (cohandler.unitCode === event.leadUnitCode) fields[`cohandlers.${index}`] = ['协办单位不能与主办单位相同'];
      else if (!servesCase(unit)) fields[`cohandlers.${index}`] = ['该单位不负责本案所在街镇'];
    });
    if (Object.keys(fields).length) throw errors.unprocessable('case.unknown_unit', '所选单位有误', { fields });
  }
  if (event.type === 'merge') {
    const target = await deps.store.findById(event.intoCaseId);
    // Same answer whether the target is missing or out of reach: no probing for case ids.
    const reachable = target && (actor.role === 'district_dispatcher' || target.streetCode === record.streetCode);
    if (!target || !reachable || target.id === record.id || !isOpen(target.status) || target.status === 'submitted') {
      throw errors.unprocessable('case.merge_target_invalid', '只能合并到另一件已受理、未办结的案件', { fields: { intoCaseId: ['目标案件无效'] } });
    }
  }
}

async function applyCrossCaseEffects(deps: CaseCommandDeps, effects: Effect[], record: CaseRecord): Promise<void> {
  for (const effect of effects) {
    if (effect.type === 'case.merged') await deps.store.addFollower(effect.intoCaseId, record.reporter.accountId);
  }
}

/** "Me too" (我也遇到): a resident follows an open case instead of filing a duplicate. */
export async function followCase(deps: CaseCommandDeps, actor: Actor, id: string): Promise<CaseRecord> {
  if (actor.role !== 'resident') throw errors.forbidden('case.follow_residents_only', '只有居民可以关注案件');
  const record = await loadCase(deps, id);
  if (!isOpen(record.status)) throw errors.conflict('case.not_open', '案件已办结，无需再关注');
  if (record.reporter.accountId === actor.id) throw errors.conflict('case.own_case', '这是您自己上报的案件');
  await deps.store.addFollower(id, actor.id);
  return loadCase(deps, id);
}

/**
 * Turns a list request into a scope the store can serve from one index. The view picks the scope
 * field from the signed-in account; asking for another street or grid than one's own is refused.
 */
export function listScope(actor: Actor | undefined, query: ListCasesQuery, streetOfGrid: (gridCode: string) => string | undefined): CaseListScope {
  const facet = query.status
    ? `status:${query.status}`
    : query.group
      ? `group:${query.group}`
      : query.categoryCode
        ? `cat:${query.categoryCode}`
        : query.subcategoryCode
          ? `sub:${query.subcategoryCode}`
          : query.overdue
            ? 'overdue'
            : query.supervised
              ? 'supervised'
              : 'all';
  const role = actor?.role;
  const deny = () => errors.forbidden('case.view_not_allowed', '当前身份不能查看该列表');
  switch (query.view) {
    case 'public':
      if (query.gridCode) return { field: 'gridCode', value: query.gridCode, facet };
      if (query.streetCode) return { field: 'streetCode', value: query.streetCode, facet };
      return { field: null, facet };
    case 'mine':
      if (!actor) throw errors.unauthenticated();
      return { field: 'reporterId', value: actor.id, facet };
    case 'cohandling':
      if (!actor) throw errors.unauthenticated();
      if (!actor.scope.unitCode || (role !== 'property_manager' && role !== 'department')) throw deny();
      return { field: 'cohandlerUnitCodes', value: actor.scope.unitCode, facet };
    case 'inbox': {
      if (!actor) throw errors.unauthenticated();
      const inboxFacet = facet === 'all' ? 'group:open' : facet;
      if ((role === 'property_manager' || role === 'department') && actor.scope.unitCode) return { field: 'leadUnitCode', value: actor.scope.unitCode, facet: inboxFacet };
      if (role === 'street_dispatcher' && actor.scope.streetCode) return { field: 'streetCode', value: actor.scope.streetCode, facet: inboxFacet };
      if ((role === 'grid_member' || role === 'grid_leader') && actor.scope.gridCode) return { field: 'gridCode', value: actor.scope.gridCode, facet: inboxFacet };
      if (role === 'community' && actor.scope.unitCode) return { field: 'communityUnitCode', value: actor.scope.unitCode, facet: inboxFacet };
      if (role === 'district_dispatcher') return { field: null, facet: inboxFacet };
      throw deny();
    }
    case 'street': {
      if (!actor) throw errors.unauthenticated();
      const streetCode = query.streetCode ?? actor.scope.streetCode;
      if (!streetCode) throw errors.unprocessable('case.scope_required', '请选择街镇', { fields: { streetCode: ['请选择街镇'] } });
      if (role === 'district_dispatcher' || role === 'admin' || (role === 'street_dispatcher' && actor.scope.streetCode === streetCode)) {
        return { field: 'streetCode', value: streetCode, facet };
      }
      throw deny();
    }
    case 'grid': {
      if (!actor) throw errors.unauthenticated();
      const gridCode = query.gridCode ?? actor.scope.gridCode;
      if (!gridCode) throw errors.unprocessable('case.scope_required', '请选择网格', { fields: { gridCode: ['请选择网格'] } });
      const gridStreet = streetOfGrid(gridCode);
      const allowed =
        role === 'district_dispatcher' ||
        role === 'admin' ||
        ((role === 'grid_member' || role === 'grid_leader') && actor.scope.gridCode === gridCode) ||
        (role === 'street_dispatcher' && actor.scope.streetCode === gridStreet);
      if (!allowed) throw deny();
      return { field: 'gridCode', value: gridCode, facet };
    }
    case 'community':
      if (!actor) throw errors.unauthenticated();
      if (role !== 'community' || !actor.scope.unitCode) throw deny();
      return { field: 'communityUnitCode', value: actor.scope.unitCode, facet };
    case 'district':
      if (!actor) throw errors.unauthenticated();
      if (role !== 'district_dispatcher' && role !== 'admin') throw deny();
      return { field: null, facet };
  }
}

export async function listCases(deps: CaseCommandDeps, actor: Actor | undefined, query: ListCasesQuery): Promise<Page<CaseRecord>> {
  const scope = listScope(actor, query, (gridCode) => deps.reference.grids.get(gridCode)?.streetCode);
  return deps.store.list(scope, { cursor: query.cursor, limit: query.limit });
}

/** The buttons for `actor` on `record` now: the same rules the server enforces. */
export function eventsFor(deps: CaseCommandDeps, record: CaseRecord, actor: Actor | undefined): CaseEventType[] {
  return actor ? allowedEvents(record, actor, deps.now()) : [];
}

/**
 * One scheduler pass: applies the clock events (warning, overdue → 催办, escalation) and expired
 * suspensions that are due. Safe with several server processes: each step is conditional on the
 * version read, so a step another process already applied is skipped, never applied twice.
 */
export async function runDueSystemEvents(
  deps: CaseCommandDeps,
  batch = 100,
  onFailure: (caseId: string, error: unknown) => void = () => {},
): Promise<{ found: number; applied: number; skipped: number; failed: number }> {
  const now = deps.now();
  const due = await deps.store.findDue(now, batch);
  let applied = 0;
  let skipped = 0;
  let failed = 0;
  for (let record of due) {
    // One broken case (say, its catalog version is missing) must not hold up every clock after it.
    try {
      const subcategory = await subcategoryOf(deps, record);
      for (const event of dueSystemEvents(record, now)) {
        const result = transition(record, event, { actor: systemActor, now, subcategory, calendar: deps.reference.calendar });
        if (!result.ok) break;
        if (!(await deps.store.replaceIfVersion(result.next, record.version))) {
          skipped += 1;
          break;
        }
        applied += 1;
        record = result.next;
      }
    } catch (error) {
      failed += 1;
      onFailure(record.id, error);
    }
  }
  return { found: due.length, applied, skipped, failed };
}

/**
 * The dispatch the service list calls for: the lead unit owning the subcategory's handle stage and
 * its default cohandlers, each chosen for the case's place by the routing tie-break rule
 * (shared/routing). Units the rule cannot decide are left for the dispatcher to pick.
 */
export async function suggestAssignment(deps: Pick<CaseCommandDeps, 'reference'>, record: CaseRecord) {
  const subcategory = (await deps.reference.entryOf(record))?.subcategory;
  if (!subcategory) return null;
  const { reference } = deps;
  const target = {
    compound: record.compoundCode ? reference.compounds.get(record.compoundCode) : undefined,
    street: { code: record.streetCode },
    communities: reference.communities,
  };
  const lead = chooseResponsibleUnit({ ...target, unitType: subcategory.stages.handle.owner }, reference.units);
  const cohandlers = subcategory.cohandlers
    .map((unitType) => chooseResponsibleUnit({ ...target, unitType }, reference.units))
    .filter((unit): unit is NonNullable<typeof unit> => unit !== undefined && unit.code !== lead?.code);
  return {
    leadUnitType: subcategory.stages.handle.owner,
    leadUnit: lead ? { code: lead.code, name: lead.name, type: lead.type } : null,
    cohandlers: cohandlers.map((unit) => ({ code: unit.code, name: unit.name, type: unit.type })),
  };
}

/**
 * How far `coarsenPoint` may move a point here (half of 0.002° in each direction, ~95 m × 111 m):
 * duplicates are matched against the coarse places the public sees, widened by this much.
 */
const COARSENING_MARGIN_M = 150;

/**
 * Open cases of the same subcategory near a point, offered before filing ("我也遇到"). Distances
 * are measured to each case's public, coarsened place: measured to the exact one, repeated
 * queries from moving points would trace the circle and give away the reporter's door.
 */
export async function nearbyCases(deps: CaseCommandDeps, query: { subcategoryCode: string; lng: number; lat: number }) {
  const entry = await deps.reference.currentEntry(query.subcategoryCode, deps.now().getTime());
  if (!entry) throw errors.validation({ subcategoryCode: ['问题小类不存在'] });
  const radiusM = entry.subcategory.duplicateRadiusM;
  if (radiusM === 0) return { radiusM, items: [] };
  const point = { lng: query.lng, lat: query.lat };
  const reach = radiusM + COARSENING_MARGIN_M;
  const candidates = await deps.store.findOpenInLatitudeBand(query.subcategoryCode, point.lat, reach, 500);
  const items = candidates
    .filter((record) => record.location)
    .map((record) => ({ record, distance: distanceMetres(point, coarsenPoint(record.location!)) }))
    .filter(({ distance }) => distance <= reach)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 10)
    .map(({ record }) => record);
  return { radiusM, items };
}
