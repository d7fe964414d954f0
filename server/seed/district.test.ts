import { describe, expect, it } from 'vitest';
import { roles } from '../../shared/domain/roles';
import { buildPlaceIndex, locateIn } from '../../shared/routing';
import { COMPOUND_COUNT, DEMO_PASSWORD, GRID_COUNT, generateDistrict } from './district';

const district = generateDistrict();
const { streets, grids, compounds, units, communities, accounts } = district;

const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
const unitByCode = new Map(units.map((u) => [u.code, u]));

describe('generateDistrict', () => {
  it('is deterministic: two calls are deep-equal', () => {
    expect(generateDistrict()).toEqual(district);
  });

  it('has the 13 streets, towns and large communities plus the station area', () => {
    expect(streets).toHaveLength(14);
    expect(streets.filter((s) => s.kind === 'station_area')).toHaveLength(1);
    expect(new Set(streets.map((s) => s.kind))).toEqual(new Set(['street', 'town', 'large_community', 'station_area']));
    expect(district.district).toEqual({ code: '340111', name: '包河区' });
  });

  it('has exactly 168 grids and 522 compounds of all three kinds', () => {
    expect(grids).toHaveLength(GRID_COUNT);
    expect(GRID_COUNT).toBe(168);
    expect(compounds).toHaveLength(COMPOUND_COUNT);
    expect(COMPOUND_COUNT).toBe(522);
    const kinds = new Set(compounds.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['commodity', 'resettlement', 'fund_raised']));
    const commodity = compounds.filter((c) => c.kind === 'commodity').length;
    expect(commodity).toBeGreaterThan(compounds.length / 2);
  });

  it('gives every street grids and every grid compounds', () => {
    for (const s of streets) expect(grids.some((g) => g.streetCode === s.code)).toBe(true);
    for (const g of grids) expect(compounds.some((c) => c.gridCode === g.code)).toBe(true);
  });

  it('uses unique codes and unique names', () => {
    for (const list of [streets, grids, compounds, units]) {
      expect(duplicates(list.map((x) => x.code))).toEqual([]);
      expect(duplicates(list.map((x) => x.name))).toEqual([]);
    }
    expect(duplicates(accounts.map((a) => a.username))).toEqual([]);
    expect(duplicates(compounds.flatMap((c) => c.buildings.map((b) => b.code)))).toEqual([]);
  });

  it('keeps coordinates inside the Baohe box and never nests arrays', () => {
    for (const ring of [...grids.map((g) => g.boundary), ...compounds.map((c) => c.boundary)]) {
      expect(ring.length).toBeGreaterThanOrEqual(3);
      for (const p of ring) {
        expect(p.lng).toBeGreaterThanOrEqual(117.25);
        expect(p.lng).toBeLessThanOrEqual(117.45);
        expect(p.lat).toBeGreaterThanOrEqual(31.7);
        expect(p.lat).toBeLessThanOrEqual(31.85);
      }
    }
    const nested = (value: unknown): boolean =>
      Array.isArray(value)
        ? value.some((v) => Array.isArray(v) || nested(v))
        : typeof value === 'object' && value !== null && Object.values(value).some(nested);
    expect(nested(district)).toBe(false);
  });

  it('routes every compound gate to that compound, its grid and its street', () => {
    const index = buildPlaceIndex({ streets, grids, compounds });
    for (const c of compounds) {
      const found = locateIn(index, c.location);
      expect(found?.compound?.code, c.code).toBe(c.code);
      expect(found?.grid.code).toBe(c.gridCode);
      expect(found?.street.code).toBe(c.streetCode);
    }
  });

  it('leaves points beyond the district unrouted and the ground between compounds to the grid', () => {
    const index = buildPlaceIndex({ streets, grids, compounds });
    expect(locateIn(index, { lng: 117.2, lat: 31.8 })).toBeUndefined();
    expect(locateIn(index, { lng: 117.3, lat: 31.9 })).toBeUndefined();
    // A grid's north-west corner is a road corner, outside every compound (they keep a margin).
    const corner = grids[0].boundary[3];
    const found = locateIn(index, { lng: corner.lng + 1e-5, lat: corner.lat - 1e-5 });
    expect(found?.grid.code).toBe(grids[0].code);
    expect(found?.compound).toBeUndefined();
  });

  it('keeps every compound inside its grid’s polygon', () => {
    // Compounds are tested against grids alone, so the compound-first rule cannot hide a spill.
    const gridsOnly = buildPlaceIndex({ streets, grids, compounds: [] });
    for (const c of compounds) {
      for (const corner of c.boundary) expect(locateIn(gridsOnly, corner)?.grid.code, c.code).toBe(c.gridCode);
    }
  });

  it('gives each grid a 1+2+N team with 3–6 volunteers and mobile numbers', () => {
    for (const g of grids) {
      expect(g.name).toMatch(/^.+第\d+网格$/);
      expect(g.team.members).toHaveLength(2);
      expect(g.team.volunteers.length).toBeGreaterThanOrEqual(3);
      expect(g.team.volunteers.length).toBeLessThanOrEqual(6);
      for (const p of [g.team.leader, ...g.team.members, ...g.team.volunteers]) {
        expect(p.phone).toMatch(/^1[358]\d{9}$/);
        expect(p.name.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('gives every compound 4–30 buildings and a gate, and a known property company if any', () => {
    for (const c of compounds) {
      expect(c.buildings.length).toBeGreaterThanOrEqual(4);
      expect(c.buildings.length).toBeLessThanOrEqual(30);
      expect(c.buildings[0].name).toBe('1栋');
      if (c.propertyUnitCode) expect(unitByCode.get(c.propertyUnitCode)?.type).toBe('property_company');
    }
    const managed = (kind: string) =>
      compounds.filter((c) => c.kind === kind && c.propertyUnitCode).length /
      compounds.filter((c) => c.kind === kind).length;
    expect(managed('commodity')).toBeGreaterThan(0.8);
    expect(managed('resettlement')).toBeGreaterThan(0.7);
    expect(managed('fund_raised')).toBeLessThan(0.5);
  });

  it('has 30–40 property companies, each serving several compounds', () => {
    const companies = units.filter((u) => u.type === 'property_company');
    expect(companies.length).toBeGreaterThanOrEqual(30);
    expect(companies.length).toBeLessThanOrEqual(40);
    for (const pm of companies) {
      expect(compounds.filter((c) => c.propertyUnitCode === pm.code).length, pm.code).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every street a unit of each of the 4 and its center and contractors', () => {
    const perStreet = [
      'street_center',
      'urban_management',
      'market_supervision',
      'police_station',
      'traffic_police',
      'sanitation',
      'greening',
      'municipal_works',
    ] as const;
    for (const s of streets) {
      for (const type of perStreet) {
        expect(units.filter((u) => u.streetCode === s.code && u.type === type), `${s.code} ${type}`).toHaveLength(1);
      }
    }
  });

  it('has one district center and the district-level X units without a street', () => {
    const districtLevel = units.filter((u) => !u.streetCode && u.type !== 'property_company');
    expect(districtLevel.filter((u) => u.type === 'district_center')).toHaveLength(1);
    for (const type of [
      'work_safety',
      'environment',
      'health',
      'human_resources',
      'housing_construction',
      'agriculture_water',
      'civil_affairs',
      'education',
      'fire_rescue',
      'utilities',
    ]) {
      expect(districtLevel.some((u) => u.type === type), type).toBe(true);
    }
  });

  it('assigns every compound to exactly one committee of its own street', () => {
    const seen = communities.flatMap((c) => c.compoundCodes);
    expect(seen.slice().sort()).toEqual(compounds.map((c) => c.code).sort());
    const compoundByCode = new Map(compounds.map((c) => [c.code, c]));
    for (const community of communities) {
      const unit = unitByCode.get(community.unitCode);
      expect(unit?.type).toBe('community');
      expect(community.compoundCodes.length).toBeGreaterThanOrEqual(3);
      expect(community.compoundCodes.length).toBeLessThanOrEqual(6);
      for (const code of community.compoundCodes) expect(compoundByCode.get(code)?.streetCode).toBe(unit?.streetCode);
    }
  });

  it('has a demo account for every role, all with the demo password', () => {
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(roles));
    for (const a of accounts) expect(a.password).toBe(DEMO_PASSWORD);
  });

  it('scopes every demo account to places that exist and fit its role', () => {
    const streetCodes = new Set(streets.map((s) => s.code));
    const gridByCode = new Map(grids.map((g) => [g.code, g]));
    const compoundByCode = new Map(compounds.map((c) => [c.code, c]));
    for (const { username, role, scope } of accounts) {
      if (scope.streetCode) expect(streetCodes.has(scope.streetCode), username).toBe(true);
      if (scope.gridCode) expect(gridByCode.get(scope.gridCode)?.streetCode, username).toBe(scope.streetCode);
      for (const code of scope.compoundCodes ?? []) expect(compoundByCode.has(code), username).toBe(true);
      if (scope.unitCode) expect(unitByCode.has(scope.unitCode), username).toBe(true);

      switch (role) {
        case 'resident':
          expect(scope.compoundCodes, username).toHaveLength(1);
          break;
        case 'grid_leader':
        case 'grid_member':
          expect(scope.gridCode, username).toBeDefined();
          break;
        case 'community': {
          const community = communities.find((c) => c.unitCode === scope.unitCode);
          expect(community?.compoundCodes, username).toEqual(scope.compoundCodes);
          break;
        }
        case 'property_manager':
          expect(unitByCode.get(scope.unitCode ?? '')?.type, username).toBe('property_company');
          break;
        case 'department':
          expect(['property_company', 'community', 'street_center', 'district_center']).not.toContain(
            unitByCode.get(scope.unitCode ?? '')?.type,
          );
          break;
        case 'street_dispatcher':
          expect(scope.streetCode, username).toBeDefined();
          break;
        case 'district_dispatcher':
        case 'admin':
          expect(scope, username).toEqual({});
          break;
      }
    }
  });

  it('tells one story: resident01’s compound is served by pm01 and community01, in street01', () => {
    const byName = new Map(accounts.map((a) => [a.username, a]));
    const home = compounds.find((c) => c.code === byName.get('resident01')?.scope.compoundCodes?.[0]);
    expect(home?.propertyUnitCode).toBe(byName.get('pm01')?.scope.unitCode);
    expect(byName.get('community01')?.scope.compoundCodes).toContain(home?.code);
    expect(home?.streetCode).toBe(byName.get('street01')?.scope.streetCode);
    const grid0101 = grids.find((g) => g.code === byName.get('grid0101')?.scope.gridCode);
    expect(byName.get('grid0101')?.displayName).toBe(grid0101?.team.leader.name);
  });
});
