import distance from '@turf/distance';
import type { LngLat } from '../domain/places';

/** Great-circle distance between two points, in metres. */
export function distanceMetres(a: LngLat, b: LngLat): number {
  return distance([a.lng, a.lat], [b.lng, b.lat], { units: 'meters' });
}

/**
 * Whether two points lie within `radiusMetres` of each other (edge included): the test that makes
 * two reports of the same kind candidates for one duplicate case.
 */
export function withinRadius(a: LngLat, b: LngLat, radiusMetres: number): boolean {
  // Duplicate checks compare one report with many open cases; a cheap latitude gap
  // (1° ≈ 111 km everywhere) rules most of them out before the trigonometry.
  if (Math.abs(a.lat - b.lat) * 110_000 > radiusMetres) return false;
  return distanceMetres(a, b) <= radiusMetres;
}
