import type { ReferencePort } from '../commands/ports';
import { findSubcategory, withCaseLimits, type SubcategoryEntry } from '../../shared/catalog/catalog';
import type { Catalog } from '../../shared/catalog/types';
import type { Compound, Grid, Street, Unit } from '../../shared/domain/places';
import { buildPlaceIndex, type CommunityCompounds, type PlaceIndex } from '../../shared/routing';
import type { WorkingCalendar } from '../../shared/time/calendar';
import { chinaCalendar2026 } from '../../shared/time/china-2026';
import type { Database } from '../db/connection';

/**
 * The district's reference data, held in memory: places change rarely and every filing routes
 * through them. Catalog versions are immutable once published, so each is cached for good; only
 * "which version is latest" is re-read, and at most every few seconds.
 */
export class ReferenceData implements ReferencePort {
  private latestCheckedAt = 0;
  private latestVersion = 0;
  private readonly catalogs = new Map<number, Catalog>();

  private constructor(
    private readonly database: Database,
    readonly streets: Map<string, Street>,
    readonly grids: Map<string, Grid>,
    readonly compounds: Map<string, Compound>,
    readonly units: Unit[],
    readonly unitsByCode: Map<string, Unit>,
    readonly communities: CommunityCompounds[],
    readonly placeIndex: PlaceIndex,
    readonly calendar: WorkingCalendar,
  ) {}

  static async load(database: Database, calendar: WorkingCalendar = chinaCalendar2026): Promise<ReferenceData> {
    const { Street, Grid, Compound, Unit, Community } = database.models;
    const [streets, grids, compounds, units, communities] = await Promise.all([
      Street.find({}, { _id: 0 }).lean<Street[]>(),
      Grid.find({}, { _id: 0 }).lean<Grid[]>(),
      Compound.find({}, { _id: 0 }).lean<Compound[]>(),
      Unit.find({}, { _id: 0 }).lean<Unit[]>(),
      Community.find({}, { _id: 0 }).lean<CommunityCompounds[]>(),
    ]);
    const byCode = <T extends { code: string }>(items: T[]) => new Map(items.map((item) => [item.code, item]));
    return new ReferenceData(
      database,
      byCode(streets),
      byCode(grids),
      byCode(compounds),
      units,
      byCode(units),
      communities,
      buildPlaceIndex({ streets, grids, compounds }),
      calendar,
    );
  }

  /** The committee (居委会) serving a compound, if any. */
  communityOf(compoundCode: string | undefined): string | undefined {
    if (!compoundCode) return undefined;
    return this.communities.find((community) => community.compoundCodes.includes(compoundCode))?.unitCode;
  }

  /** A published catalog version, or undefined if it was never published. */
  async catalog(version: number): Promise<Catalog | undefined> {
    const cached = this.catalogs.get(version);
    if (cached) return cached;
    const stored = await this.database.models.CatalogVersion.findOne({ version }).lean();
    if (!stored) return undefined;
    // Versions published before 办结时限 existed get it derived from their stage limits.
    const catalog: Catalog = withCaseLimits({ version: stored.version, publishedAt: stored.publishedAt.toISOString(), categories: stored.categories });
    this.catalogs.set(version, catalog);
    return catalog;
  }

  /**
   * The version new cases are filed under. Re-read at most every 5 s (another process may have
   * published); `fresh` re-reads now, for a publisher that must not build on a stale version.
   */
  async latestCatalog(now = Date.now(), options: { fresh?: boolean } = {}): Promise<Catalog> {
    if (options.fresh || now - this.latestCheckedAt > 5_000 || this.latestVersion === 0) {
      const latest = await this.database.models.CatalogVersion.findOne({}, { version: 1 }).sort({ version: -1 }).lean();
      if (!latest) throw new Error('No catalog is published: run the seed first');
      this.latestVersion = latest.version;
      this.latestCheckedAt = now;
    }
    return (await this.catalog(this.latestVersion))!;
  }

  /** A case's category and subcategory, from the catalog version it was filed under. */
  async entryOf(record: { catalogVersion: number; subcategoryCode: string }): Promise<SubcategoryEntry | undefined> {
    const catalog = await this.catalog(record.catalogVersion);
    return catalog && findSubcategory(catalog, record.subcategoryCode);
  }

  /** A subcategory of the version new cases are filed under, with that version. */
  async currentEntry(code: string, now = Date.now()): Promise<(SubcategoryEntry & { catalog: Catalog }) | undefined> {
    const catalog = await this.latestCatalog(now);
    const entry = findSubcategory(catalog, code);
    return entry && { ...entry, catalog };
  }

  /** Called after this process publishes a version, so it is used at once. */
  noteCatalogPublished(catalog: Catalog): void {
    this.catalogs.set(catalog.version, catalog);
    this.latestVersion = Math.max(this.latestVersion, catalog.version);
  }
}
