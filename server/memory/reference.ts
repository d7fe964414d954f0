import { findSubcategory } from '../../shared/catalog/catalog';
import type { Catalog } from '../../shared/catalog/types';
import type { Compound, Grid, Street, Unit } from '../../shared/domain/places';
import { buildPlaceIndex, type CommunityCompounds } from '../../shared/routing';
import type { WorkingCalendar } from '../../shared/time/calendar';
import { chinaCalendar2026 } from '../../shared/time/china-2026';
import type { ReferencePort } from '../commands/ports';

/** The places a reference port is built from: a seed district, the fixture one or the demo one. */
export interface DistrictPlaces {
  streets: Street[];
  grids: Grid[];
  compounds: Compound[];
  units: Unit[];
  communities: CommunityCompounds[];
}

/**
 * The reference-data port over plain values: the places given and the catalog versions of
 * `catalogs` (an in-memory catalog store, so a version published through it is seen at once).
 */
export function memoryReference(
  places: DistrictPlaces,
  catalogs: { versions: ReadonlyMap<number, Catalog> },
  calendar: WorkingCalendar = chinaCalendar2026,
): ReferencePort {
  const byCode = <T extends { code: string }>(items: T[]) => new Map(items.map((item) => [item.code, item]));
  const latest = () => {
    const version = Math.max(0, ...catalogs.versions.keys());
    const catalog = catalogs.versions.get(version);
    if (!catalog) throw new Error('No catalog is published');
    return catalog;
  };
  const reference: ReferencePort = {
    streets: byCode(places.streets),
    grids: byCode(places.grids),
    compounds: byCode(places.compounds),
    units: places.units,
    unitsByCode: byCode(places.units),
    communities: places.communities,
    placeIndex: buildPlaceIndex(places),
    calendar,
    communityOf: (compoundCode) => (compoundCode ? places.communities.find((community) => community.compoundCodes.includes(compoundCode))?.unitCode : undefined),
    catalog: async (version) => catalogs.versions.get(version),
    latestCatalog: async () => latest(),
    entryOf: async (record) => {
      const catalog = catalogs.versions.get(record.catalogVersion);
      return catalog && findSubcategory(catalog, record.subcategoryCode);
    },
    currentEntry: async (code) => {
      const catalog = latest();
      const entry = findSubcategory(catalog, code);
      return entry && { ...entry, catalog };
    },
    noteCatalogPublished: () => {},
  };
  return reference;
}
