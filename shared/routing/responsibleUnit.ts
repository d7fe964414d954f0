import type { Compound, Grid, Street, Unit, UnitType } from '../domain/places';

/** Which compounds a residents' committee (a unit of type `community`) answers for. */
export interface CommunityCompounds {
  unitCode: string;
  compoundCodes: string[];
}

/** What a case needs done and where: the unit type that owns the stage, and the case's place. */
export interface ResponsibilityTarget {
  unitType: UnitType;
  compound?: Pick<Compound, 'code' | 'propertyUnitCode'>;
  /** Carried for callers that pass a whole {@link Location}; no unit type is grid-scoped yet. */
  grid?: Pick<Grid, 'code'>;
  street: Pick<Street, 'code'>;
  /** Needed only to route to a residents' committee; units carry no compound list. */
  communities?: readonly CommunityCompounds[];
}

/**
 * Picks the one unit that owns a case's stage, so that dispatch is "accurate and enforceable".
 *
 * Tie-break rule, in order:
 * 1. `property_company`: the unit named by the compound's `propertyUnitCode`. No compound, no
 *    property company, or a code that is not a known property company → `undefined`: another
 *    company has no duty in that compound, so the dispatcher must decide.
 * 2. `community`: the committee whose compound list (`target.communities`) holds the compound;
 *    otherwise `undefined`, for the same reason.
 * 3. Every other type (the 4+X, street_center, sanitation, greening, municipal_works, utilities,
 *    district_center, …): the unit of that type whose `streetCode` is the case's street; if the
 *    street has none, the district-level unit of that type (no `streetCode`). Units of another
 *    street never qualify.
 * 4. If several units still match, the one with the lowest code (plain string order), so the
 *    choice never depends on the order the units were loaded in.
 *
 * `undefined` means no unit qualifies and a person has to choose.
 */
export function chooseResponsibleUnit(target: ResponsibilityTarget, units: readonly Unit[]): Unit | undefined {
  const { unitType, compound, street } = target;
  const ofType = units.filter((u) => u.type === unitType);

  if (unitType === 'property_company') {
    const code = compound?.propertyUnitCode;
    return code === undefined ? undefined : lowestCode(ofType.filter((u) => u.code === code));
  }
  if (unitType === 'community') {
    if (!compound) return undefined;
    const codes = new Set(
      (target.communities ?? []).filter((c) => c.compoundCodes.includes(compound.code)).map((c) => c.unitCode),
    );
    return lowestCode(ofType.filter((u) => codes.has(u.code)));
  }
  return (
    lowestCode(ofType.filter((u) => u.streetCode === street.code)) ??
    lowestCode(ofType.filter((u) => !u.streetCode))
  );
}

function lowestCode(units: readonly Unit[]): Unit | undefined {
  let best: Unit | undefined;
  for (const u of units) if (!best || u.code < best.code) best = u;
  return best;
}
