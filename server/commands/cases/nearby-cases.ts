import { distanceMetres } from '../../../shared/routing';
import { errors } from '../../errors';
import type { CaseCommandDeps } from '../ports';

/**
 * Open cases of the same subcategory within the subcategory's duplicate radius of a point,
 * offered before filing ("我也遇到").
 *
 * Distances are measured between exact positions, on the server: measured to the coarsened public
 * place instead, a 50 m radius matched points 150 m away and offered cases that were not the
 * same problem. Privacy: an answer discloses one bit per case, "within R metres of the point you
 * sent", never the position or the distance; items are presented in their public form (coarse
 * place only) and ordered by filing time, not nearness, so the order says nothing more. Pinning a
 * case down would take many probes from a signed-in account, throttled per client, and would
 * reveal the spot of a reported public problem, not where its reporter lives or stands; we accept
 * that to offer the duplicates that are real.
 */
export async function nearbyCases(deps: CaseCommandDeps, query: { subcategoryCode: string; lng: number; lat: number }) {
  const entry = await deps.reference.currentEntry(query.subcategoryCode, deps.now().getTime());
  if (!entry) throw errors.validation({ subcategoryCode: ['问题小类不存在'] });
  const radiusM = entry.subcategory.duplicateRadiusM;
  if (radiusM === 0) return { radiusM, items: [] };
  const point = { lng: query.lng, lat: query.lat };
  const candidates = await deps.store.findOpenInLatitudeBand(query.subcategoryCode, point.lat, radiusM, 500);
  const items = candidates
    .filter((record) => record.location && distanceMetres(point, record.location) <= radiusM)
    .sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime() || (a.id < b.id ? -1 : 1))
    .slice(0, 10);
  return { radiusM, items };
}
