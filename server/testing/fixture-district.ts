import { generateDistrict, type SeedDistrict } from '../seed/district';

/**
 * A small district for API and use-case tests: two streets with two grids each, up to three
 * compounds per grid, the units serving them and one demo account per role (usernames and codes
 * as in the demo district: street01, resident01, C001, U-ST01-TRAFFIC …). Pure: built from the
 * demo generator, so it stays consistent with it, and equal on every call. It feeds the in-memory
 * reference port (`memoryReference`) and can be seeded into the engine (`seedDistrict`).
 */
export function buildFixtureDistrict(options: { gridsPerStreet?: number; compoundsPerGrid?: number } = {}): SeedDistrict {
  const demo = generateDistrict();
  const gridsPerStreet = options.gridsPerStreet ?? 2;
  const compoundsPerGrid = options.compoundsPerGrid ?? 3;
  // Compounds the demo accounts live in are kept, wherever they are, so every account still makes sense.
  const accountCompounds = new Set(demo.accounts.flatMap((account) => account.scope.compoundCodes ?? []));
  const accountCompoundStreets = demo.compounds.filter((compound) => accountCompounds.has(compound.code)).map((compound) => compound.streetCode);
  const accountCompoundGrids = new Set(demo.compounds.filter((compound) => accountCompounds.has(compound.code)).map((compound) => compound.gridCode));
  const streetCodes = new Set(['ST01', 'ST02', ...accountCompoundStreets]);
  const accountGrids = new Set(demo.accounts.map((account) => account.scope.gridCode).filter((code): code is string => !!code));

  const streets = demo.streets.filter((street) => streetCodes.has(street.code));
  const grids = demo.grids.filter(
    (grid) =>
      accountGrids.has(grid.code) ||
      accountCompoundGrids.has(grid.code) ||
      (['ST01', 'ST02'].includes(grid.streetCode) && demo.grids.filter((g) => g.streetCode === grid.streetCode).indexOf(grid) < gridsPerStreet),
  );
  const gridCodes = new Set(grids.map((grid) => grid.code));
  const perGrid = new Map<string, number>();
  const compounds = demo.compounds.filter((compound) => {
    if (accountCompounds.has(compound.code)) return true;
    if (!gridCodes.has(compound.gridCode)) return false;
    const taken = perGrid.get(compound.gridCode) ?? 0;
    perGrid.set(compound.gridCode, taken + 1);
    return taken < compoundsPerGrid;
  });
  const compoundCodes = new Set(compounds.map((compound) => compound.code));
  const communities = demo.communities
    .map((community) => ({ ...community, compoundCodes: community.compoundCodes.filter((code) => compoundCodes.has(code)) }))
    .filter((community) => community.compoundCodes.length > 0);
  const propertyUnits = new Set(compounds.map((compound) => compound.propertyUnitCode).filter(Boolean));
  const communityUnits = new Set(communities.map((community) => community.unitCode));
  const accountUnits = new Set(demo.accounts.map((account) => account.scope.unitCode).filter(Boolean));
  const units = demo.units.filter(
    (unit) =>
      accountUnits.has(unit.code) ||
      propertyUnits.has(unit.code) ||
      communityUnits.has(unit.code) ||
      (unit.type !== 'property_company' && unit.type !== 'community' && (!unit.streetCode || streetCodes.has(unit.streetCode))),
  );
  const accounts = demo.accounts.map((account) =>
    account.scope.compoundCodes ? { ...account, scope: { ...account.scope, compoundCodes: account.scope.compoundCodes.filter((code) => compoundCodes.has(code)) } } : account,
  );
  return { district: demo.district, streets, grids, compounds, units, communities, accounts };
}
