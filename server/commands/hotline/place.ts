import type { LngLat } from '../../../shared/domain/places';
import type { WorkOrder } from '../../../shared/hotline/work-order';
import { locateIn } from '../../../shared/routing';
import type { ReferencePort } from '../ports';

/** A place candidate for an order's address text, best first: what a text matcher answers. */
export interface PlaceCandidate {
  compoundCode: string;
  /** In [0, 1]; at or above {@link CONFIDENT_SCORE} the case is placed without asking a dispatcher. */
  score: number;
}

/** Ranks compounds for an address text; the seam where shared/places/match-text.ts is wired in. */
export type PlaceTextMatcher = (text: string, reference: ReferencePort) => PlaceCandidate[];

export const CONFIDENT_SCORE = 0.8;

/** Until the text matcher is wired: no candidates, so the street code places the case. */
export const noTextMatching: PlaceTextMatcher = () => [];

/** Where an order's case is filed: a compound, or a point in its street, and whether a dispatcher must confirm it. */
export type OrderPlace = { compoundCode: string; confirmed: boolean } | { location: LngLat; confirmed: false };

/**
 * Places an order without coordinates: a confidently matched compound; else the order's street
 * (its code, else its name) at the middle of its first grid, to be confirmed by a dispatcher,
 * with the best text candidate if any. Undefined when neither names a street of the district.
 */
export function placeOrder(place: WorkOrder['place'], reference: ReferencePort, matchPlace: PlaceTextMatcher): OrderPlace | undefined {
  const candidates = matchPlace([place.street, place.address].filter(Boolean).join(' '), reference);
  const best = candidates[0];
  if (best && best.score >= CONFIDENT_SCORE && reference.compounds.has(best.compoundCode)) return { compoundCode: best.compoundCode, confirmed: true };
  if (best && reference.compounds.has(best.compoundCode)) return { compoundCode: best.compoundCode, confirmed: false };
  const streetCode =
    (place.streetCode && reference.streets.has(place.streetCode) ? place.streetCode : undefined) ??
    [...reference.streets.values()].find((street) => place.street && street.name === place.street)?.code;
  if (!streetCode) return undefined;
  for (const grid of reference.grids.values()) {
    if (grid.streetCode !== streetCode) continue;
    const middle = {
      lng: grid.boundary.reduce((sum, p) => sum + p.lng, 0) / grid.boundary.length,
      lat: grid.boundary.reduce((sum, p) => sum + p.lat, 0) / grid.boundary.length,
    };
    if (locateIn(reference.placeIndex, middle)?.street.code === streetCode) return { location: middle, confirmed: false };
  }
  return undefined;
}
