import { coarsenPoint } from '../../../shared/cases/visibility';
import { distanceMetres } from '../../../shared/routing';
import { errors } from '../../errors';
import type { CaseCommandDeps } from '../ports';

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
