import type { Actor } from '../../../shared/domain/roles';
import type { RegisterPerson, UpdatePerson } from '../../../shared/api/visits';
import { mayOnVisits, sensitivePersonFields, type SensitivePersonField } from '../../../shared/policies/visits';
import { errors } from '../../errors';
import type { StoredVisitPerson } from '../ports';
import { audit, categoryOf, loadPersonFor, newPersonId, personAad, storedSchedule, unitOfActor, withSchedule, type MaskedPerson, type VisitCommandDeps } from './access';

/**
 * Adds a person to the register (committee, or grid leader for their grid): the compound gives the
 * grid, street and committee, the policy checks the actor may register that category there, and
 * who the person is goes in sealed.
 */
export async function registerPerson(deps: VisitCommandDeps, actor: Actor, input: RegisterPerson): Promise<MaskedPerson> {
  const category = categoryOf(deps, input.categoryCode);
  if (!category) throw errors.unprocessable('visit.unknown_category', '人群类别不存在', { fields: { categoryCode: ['人群类别不存在'] } });
  const compound = deps.reference.compounds.get(input.compoundCode);
  const communityUnitCode = deps.reference.communityOf(input.compoundCode);
  if (!compound || !communityUnitCode) throw errors.unprocessable('visit.unknown_place', '小区不存在或没有所属社区', { fields: { compoundCode: ['小区不存在或没有所属社区'] } });
  const place = { streetCode: compound.streetCode, gridCode: compound.gridCode, communityUnitCode };
  if (!mayOnVisits(actor, 'register', category, place, unitOfActor(deps, actor))) throw errors.forbidden('visit.forbidden', '无权在该处登记该类人员');
  const id = newPersonId();
  const now = deps.now();
  const sealed: StoredVisitPerson['sealed'] = {};
  for (const field of sensitivePersonFields) {
    const value = input[field];
    if (value !== undefined) sealed[field] = deps.sealer.seal(value, personAad(id, field));
  }
  const base = { risk: input.risk, registeredAt: now };
  const person: StoredVisitPerson = {
    id,
    categoryCode: category.code,
    ...place,
    compoundCode: compound.code,
    status: 'active',
    ...base,
    ...storedSchedule(deps, category, base),
    sealed,
    createdBy: actor.id,
    updatedAt: now,
    version: 1,
  };
  await deps.visits.insertPerson(person);
  await audit(deps, actor, 'register', [person]);
  return withSchedule(deps, person, category);
}

/** Changes a person's risk level, records a major change, or corrects contact details, under the version read. */
export async function updatePerson(deps: VisitCommandDeps, actor: Actor, id: string, input: UpdatePerson): Promise<MaskedPerson> {
  const { person, category } = await loadPersonFor(deps, actor, id, 'register');
  if (person.version !== input.version) throw errors.conflict('visit.stale', '该人员信息已被他人修改，请刷新后再试', { currentVersion: person.version });
  if (input.majorChangeAt && input.majorChangeAt.getTime() > deps.now().getTime()) throw errors.validation({ majorChangeAt: ['重大变化时间不能晚于现在'] });
  const sealed = { ...person.sealed };
  for (const field of ['phone', 'address', 'notes'] as const satisfies SensitivePersonField[]) {
    const value = input[field];
    if (value !== undefined) sealed[field] = deps.sealer.seal(value, personAad(id, field));
  }
  const changed = { ...person, risk: input.risk ?? person.risk, ...(input.majorChangeAt ? { majorChangeAt: input.majorChangeAt } : {}) };
  const next: StoredVisitPerson = { ...changed, ...storedSchedule(deps, category, changed), sealed, updatedAt: deps.now(), version: person.version + 1 };
  if (!(await deps.visits.replacePersonIfVersion(next, person.version))) throw errors.conflict('visit.stale', '该人员信息已被他人修改，请刷新后再试');
  await audit(deps, actor, 'update', [next]);
  return withSchedule(deps, next, category);
}
