import type { CaseRecord } from '../../../shared/cases/types';
import { chooseResponsibleUnit } from '../../../shared/routing';
import type { CaseCommandDeps } from '../ports';

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

