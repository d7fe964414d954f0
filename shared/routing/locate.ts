import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import type { Compound, Grid, LngLat, Ring, Street } from '../domain/places';

/** The places a point or a compound can be routed to. */
export interface Places {
  streets: readonly Street[];
  grids: readonly Grid[];
  compounds: readonly Compound[];
}

/** Where a case lies: always a grid and its street, and the compound when it falls in one. */
export interface Location {
  compound?: Compound;
  grid: Grid;
  street: Street;
}

interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

interface Indexed<T> {
  place: T;
  bbox: BBox;
  polygon: Polygon;
}

/**
 * Places prepared once for repeated look-ups: bounding boxes and GeoJSON polygons are computed at
 * build time, so a look-up only runs the polygon test on the few places whose box holds the point.
 */
export interface PlaceIndex {
  readonly streets: ReadonlyMap<string, Street>;
  readonly grids: ReadonlyMap<string, Grid>;
  readonly compounds: ReadonlyMap<string, Compound>;
  readonly gridShapes: readonly Indexed<Grid>[];
  readonly compoundShapes: readonly Indexed<Compound>[];
}

/**
 * Prepares the district's places for {@link locateIn} and {@link locateCompound}.
 * Throws a RangeError on a boundary with fewer than three vertices: such data would silently route
 * nothing there, and it is better found when the index is built than when a resident files a case.
 */
export function buildPlaceIndex(places: Places): PlaceIndex {
  // Sorted by code so that a point on an edge shared by two places always goes to the same one.
  const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return {
    streets: new Map(places.streets.map((s) => [s.code, s])),
    grids: new Map(places.grids.map((g) => [g.code, g])),
    compounds: new Map(places.compounds.map((c) => [c.code, c])),
    gridShapes: [...places.grids].sort(byCode).map((g) => shape(g, 'grid')),
    compoundShapes: [...places.compounds].sort(byCode).map((c) => shape(c, 'compound')),
  };
}

/**
 * Finds the compound, grid and street of a point, using a prepared index.
 * Compounds are tried first: they are the finer truth, and a compound's own grid and street win
 * over whatever grid polygon happens to hold its gate. A point in no compound is placed by grid
 * polygons. A point outside every grid is outside the district: `undefined` (the API answers 422).
 * Points on a boundary count as inside; where two places share an edge the lowest code wins.
 */
export function locateIn(index: PlaceIndex, point: LngLat): Location | undefined {
  const at: [number, number] = [point.lng, point.lat];
  const compound = firstContaining(index.compoundShapes, at);
  if (compound) {
    const grid = index.grids.get(compound.gridCode);
    const street = index.streets.get(compound.streetCode) ?? (grid && index.streets.get(grid.streetCode));
    if (grid && street) return { compound, grid, street };
  }
  const grid = firstContaining(index.gridShapes, at);
  if (!grid) return undefined;
  const street = index.streets.get(grid.streetCode);
  return street ? { grid, street } : undefined;
}

/**
 * Finds the compound, grid and street of a point. Builds the index on every call: for more than
 * a handful of look-ups, build it once with {@link buildPlaceIndex} and use {@link locateIn}.
 */
export function locate(point: LngLat, places: Places): Location | undefined {
  return locateIn(buildPlaceIndex(places), point);
}

/**
 * Routes a case filed "in a compound" without a pin: the compound's grid and street, and its main
 * gate as the case's point. `undefined` when the compound, its grid or its street is unknown.
 */
export function locateCompound(
  compoundCode: string,
  index: PlaceIndex,
): (Required<Location> & { point: LngLat }) | undefined {
  const compound = index.compounds.get(compoundCode);
  if (!compound) return undefined;
  const grid = index.grids.get(compound.gridCode);
  const street = index.streets.get(compound.streetCode);
  if (!grid || !street) return undefined;
  return { compound, grid, street, point: { ...compound.location } };
}

function shape<T extends { code: string; boundary: Ring }>(place: T, what: string): Indexed<T> {
  const ring = place.boundary;
  if (ring.length < 3) {
    throw new RangeError(`${what} ${place.code}: a boundary needs at least three vertices, got ${ring.length}`);
  }
  const coordinates = ring.map((p) => [p.lng, p.lat]);
  coordinates.push([ring[0].lng, ring[0].lat]);
  return { place, bbox: bboxOf(ring), polygon: { type: 'Polygon', coordinates: [coordinates] } };
}

function bboxOf(ring: Ring): BBox {
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const { lng, lat } of ring) {
    box.minLng = Math.min(box.minLng, lng);
    box.maxLng = Math.max(box.maxLng, lng);
    box.minLat = Math.min(box.minLat, lat);
    box.maxLat = Math.max(box.maxLat, lat);
  }
  return box;
}

function firstContaining<T>(shapes: readonly Indexed<T>[], at: [number, number]): T | undefined {
  const [lng, lat] = at;
  for (const { place, bbox, polygon } of shapes) {
    if (lng < bbox.minLng || lng > bbox.maxLng || lat < bbox.minLat || lat > bbox.maxLat) continue;
    if (booleanPointInPolygon(at, polygon)) return place;
  }
  return undefined;
}
