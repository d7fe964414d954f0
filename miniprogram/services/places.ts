import type { z } from 'zod';
import type { compoundDetailSchema, compoundListSchema, gridListSchema, placeAtPointSchema, streetListSchema, unitListSchema } from '../../shared/api/places';
import type { listCompoundsSchema, listGridsSchema, listUnitsSchema } from '../../shared/schemas/places';
import { request } from './http';

export type StreetList = z.input<typeof streetListSchema>;
export type Street = StreetList['items'][number];
export type GridList = z.input<typeof gridListSchema>;
export type CompoundList = z.input<typeof compoundListSchema>;
export type CompoundSummary = CompoundList['items'][number];
export type CompoundDetail = z.input<typeof compoundDetailSchema>;
/** A list query as the app sends it (`limit` a number; the schema coerces text on the server). */
type QueryOf<S extends z.ZodType> = { [K in keyof z.input<S>]?: K extends 'limit' ? number : z.input<S>[K] };

export type UnitList = z.input<typeof unitListSchema>;
export type Unit = UnitList['items'][number];

export function listStreets(): Promise<StreetList> {
  return request<StreetList>('GET', '/api/v1/streets');
}

export function listGrids(query: QueryOf<typeof listGridsSchema> = {}): Promise<GridList> {
  return request<GridList>('GET', '/api/v1/grids', undefined, { query: { ...query } });
}

export function listCompounds(query: QueryOf<typeof listCompoundsSchema> = {}): Promise<CompoundList> {
  return request<CompoundList>('GET', '/api/v1/compounds', undefined, { query: { ...query } });
}

export function getCompound(code: string): Promise<CompoundDetail> {
  return request<CompoundDetail>('GET', `/api/v1/compounds/${encodeURIComponent(code)}`);
}

export function listUnits(query: QueryOf<typeof listUnitsSchema> = {}): Promise<UnitList> {
  return request<UnitList>('GET', '/api/v1/units', undefined, { query: { ...query } });
}

export type PlaceAtPoint = z.input<typeof placeAtPointSchema>;

/** The street, grid and compound (or null) a GCJ-02 point lies in; 422 `place.outside_district` outside the district. */
export function locatePoint(lng: number, lat: number): Promise<PlaceAtPoint> {
  return request<PlaceAtPoint>('GET', '/api/v1/places/locate', undefined, { query: { lng, lat } });
}
