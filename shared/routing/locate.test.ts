import { describe, expect, it } from 'vitest';
import type { Compound, Grid, LngLat, Ring, Street } from '../domain/places';
import { buildPlaceIndex, locate, locateCompound, locateIn } from './locate';

const rect = (minLng: number, minLat: number, maxLng: number, maxLat: number): Ring => [
  { lng: minLng, lat: minLat },
  { lng: maxLng, lat: minLat },
  { lng: maxLng, lat: maxLat },
  { lng: minLng, lat: maxLat },
];

const team = {
  leader: { name: '王强', phone: '13800000000' },
  members: [
    { name: '李娜', phone: '13800000001' },
    { name: '张伟', phone: '13800000002' },
  ] as [{ name: string; phone: string }, { name: string; phone: string }],
  volunteers: [],
};

const buildGrid = (code: string, streetCode: string, boundary: Ring): Grid => ({
  code,
  name: `${code}网格`,
  streetCode,
  boundary,
  team,
});

const buildCompound = (code: string, grid: Grid, boundary: Ring, location: LngLat): Compound => ({
  code,
  name: `${code}小区`,
  kind: 'commodity',
  gridCode: grid.code,
  streetCode: grid.streetCode,
  location,
  boundary,
  buildings: [{ code: `${code}-01`, name: '1栋' }],
});

// Two streets side by side; street A has two grids, one of which holds a compound.
const streets: Street[] = [
  { code: 'A', name: '甲街道', kind: 'street' },
  { code: 'B', name: '乙街道', kind: 'street' },
];
const gridA1 = buildGrid('A-G1', 'A', rect(117.0, 31.0, 117.1, 31.1));
const gridA2 = buildGrid('A-G2', 'A', rect(117.1, 31.0, 117.2, 31.1));
const gridB1 = buildGrid('B-G1', 'B', rect(117.2, 31.0, 117.3, 31.1));
const compound = buildCompound('C1', gridA1, rect(117.02, 31.02, 117.04, 31.04), { lng: 117.03, lat: 31.021 });
const triangleGrid = buildGrid('T-G1', 'B', [
  { lng: 118.0, lat: 31.0 },
  { lng: 118.2, lat: 31.0 },
  { lng: 118.0, lat: 31.2 },
]);
const places = { streets, grids: [gridA1, gridA2, gridB1, triangleGrid], compounds: [compound] };
const index = buildPlaceIndex(places);

describe('locate', () => {
  it('places a point inside a compound in that compound, its grid and its street', () => {
    const found = locate({ lng: 117.03, lat: 31.03 }, places);
    expect(found?.compound?.code).toBe('C1');
    expect(found?.grid.code).toBe('A-G1');
    expect(found?.street.code).toBe('A');
  });

  it('places a point in a grid but in no compound in that grid without a compound', () => {
    const found = locate({ lng: 117.15, lat: 31.05 }, places);
    expect(found?.compound).toBeUndefined();
    expect(found?.grid.code).toBe('A-G2');
    expect(found?.street.code).toBe('A');
  });

  it('tells apart grids of different streets', () => {
    expect(locate({ lng: 117.25, lat: 31.05 }, places)?.street.code).toBe('B');
  });

  it('returns undefined for a point outside every grid', () => {
    expect(locate({ lng: 116.9, lat: 31.05 }, places)).toBeUndefined();
    expect(locate({ lng: 117.05, lat: 31.2 }, places)).toBeUndefined();
  });

  it('tests the polygon itself, not only its bounding box', () => {
    // Inside the triangle's box but beyond its hypotenuse.
    expect(locate({ lng: 118.15, lat: 31.15 }, places)).toBeUndefined();
    expect(locate({ lng: 118.05, lat: 31.05 }, places)?.grid.code).toBe('T-G1');
  });

  it('gives a point on an edge shared by two grids to the lower grid code, whatever the input order', () => {
    const edge = { lng: 117.1, lat: 31.05 };
    expect(locate(edge, places)?.grid.code).toBe('A-G1');
    const reversed = { ...places, grids: [...places.grids].reverse() };
    expect(locate(edge, reversed)?.grid.code).toBe('A-G1');
  });

  it('trusts the compound’s own grid over the grid polygons', () => {
    // A compound drawn slightly over its grid's edge still routes to the grid it belongs to.
    const spilling = buildCompound('C2', gridA1, rect(117.09, 31.06, 117.11, 31.08), { lng: 117.105, lat: 31.07 });
    const found = locate({ lng: 117.105, lat: 31.07 }, { ...places, compounds: [compound, spilling] });
    expect(found?.compound?.code).toBe('C2');
    expect(found?.grid.code).toBe('A-G1');
  });

  it('answers the same through a prebuilt index', () => {
    const point = { lng: 117.03, lat: 31.03 };
    expect(locateIn(index, point)).toEqual(locate(point, places));
  });

  it('refuses to index a boundary with fewer than three vertices', () => {
    const broken = buildGrid('X', 'A', rect(117, 31, 117.1, 31.1).slice(0, 2));
    expect(() => buildPlaceIndex({ ...places, grids: [broken] })).toThrow(RangeError);
  });
});

describe('locateCompound', () => {
  it('routes a compound without a pin to its grid and street, at its gate', () => {
    const found = locateCompound('C1', index);
    expect(found?.grid.code).toBe('A-G1');
    expect(found?.street.code).toBe('A');
    expect(found?.compound.code).toBe('C1');
    expect(found?.point).toEqual({ lng: 117.03, lat: 31.021 });
  });

  it('returns undefined for an unknown compound', () => {
    expect(locateCompound('NOPE', index)).toBeUndefined();
  });
});
