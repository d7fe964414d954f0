import type { LngLat } from '../../../shared/domain/places';
import type { WorkOrder } from '../../../shared/hotline/work-order';
import { match as matchText, placeTextIndex, type PlaceTextIndex } from '../../../shared/places/match-text';
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

/** No text matching: the street code places the case (tests that pin the street placement). */
export const noTextMatching: PlaceTextMatcher = () => [];

const indexes = new WeakMap<ReferencePort, PlaceTextIndex>();

/**
 * The address text matched against the district's compounds and streets (shared/places/match-text),
 * its index built once per reference data. The matcher's own decision says whether the best is
 * sure (clear of the second): only then does its score reach {@link CONFIDENT_SCORE}; otherwise
 * every candidate stays below it and a dispatcher confirms.
 */
export const matchPlaceByText: PlaceTextMatcher = (text, reference) => {
  let index = indexes.get(reference);
  if (!index) {
    index = placeTextIndex({ streets: [...reference.streets.values()], compounds: [...reference.compounds.values()], units: reference.units });
    indexes.set(reference, index);
  }
  const found = matchText(index, text);
  const sure = found.decision.confident && found.candidates[0]?.kind === 'compound';
  return found.candidates
    .filter((candidate) => candidate.kind === 'compound')
    .map((candidate, rank) => ({
      compoundCode: candidate.code,
      score: sure && rank === 0 ? Math.max(candidate.score, CONFIDENT_SCORE) : Math.min(candidate.score, CONFIDENT_SCORE - 0.01),
    }));
};

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
  // A point of the street in no compound: a case placed only by street must not name a compound
  // it happens to fall in (the public view would show it). Failing that, any point of the street.
  let inStreet: LngLat | undefined;
  for (const grid of reference.grids.values()) {
    if (grid.streetCode !== streetCode) continue;
    const middle = {
      lng: grid.boundary.reduce((sum, p) => sum + p.lng, 0) / grid.boundary.length,
      lat: grid.boundary.reduce((sum, p) => sum + p.lat, 0) / grid.boundary.length,
    };
    const towardEdges = grid.boundary.map((corner) => ({ lng: middle.lng + (corner.lng - middle.lng) * 0.8, lat: middle.lat + (corner.lat - middle.lat) * 0.8 }));
    for (const point of [middle, ...towardEdges]) {
      const located = locateIn(reference.placeIndex, point);
      if (located?.street.code !== streetCode) continue;
      if (!located.compound) return { location: point, confirmed: false };
      inStreet ??= point;
    }
  }
  return inStreet ? { location: inStreet, confirmed: false } : undefined;
}
