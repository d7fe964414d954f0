import { z } from 'zod';
import { compoundKinds, streetKinds, unitTypes } from '../domain/places';
import { lngLatView, namedCode, pageOf } from './common';

/** A name and a phone number, masked (`138****5678`) for residents and the public. */
const personView = z.strictObject({ name: z.string(), phone: z.string() });

export const streetViewSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  kind: z.enum(streetKinds),
  kindLabel: z.string(),
  gridCount: z.number().int().min(0),
  compoundCount: z.number().int().min(0),
});
/** The streets fit on one page: `nextCursor` is always null. */
export const streetListSchema = z.strictObject({ items: z.array(streetViewSchema), nextCursor: z.null() });
export type StreetList = z.output<typeof streetListSchema>;

export const gridViewSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  streetCode: z.string(),
  team: z.strictObject({ leader: personView, members: z.array(personView), volunteerCount: z.number().int().min(0) }),
});
export const gridListSchema = pageOf(gridViewSchema);
export type GridList = z.output<typeof gridListSchema>;

export const compoundSummarySchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  kind: z.enum(compoundKinds),
  kindLabel: z.string(),
  streetCode: z.string(),
  gridCode: z.string(),
  location: lngLatView,
  buildingCount: z.number().int().min(0),
  propertyUnit: namedCode.nullable(),
});
export type CompoundSummary = z.output<typeof compoundSummarySchema>;
export const compoundListSchema = pageOf(compoundSummarySchema);
export type CompoundList = z.output<typeof compoundListSchema>;

export const compoundDetailSchema = compoundSummarySchema.extend({
  boundary: z.array(lngLatView),
  buildings: z.array(namedCode),
  communityUnitCode: z.string().nullable(),
});
export type CompoundDetail = z.output<typeof compoundDetailSchema>;

export const unitViewSchema = z.strictObject({
  code: z.string(),
  name: z.string(),
  type: z.enum(unitTypes),
  typeLabel: z.string(),
  streetCode: z.string().nullable(),
  phone: z.string(),
});
export type UnitView = z.output<typeof unitViewSchema>;
export const unitListSchema = pageOf(unitViewSchema);
export type UnitList = z.output<typeof unitListSchema>;

/** Where a point lies: its street and grid, and the compound when it falls inside one. */
export const placeAtPointSchema = z.strictObject({
  street: namedCode,
  grid: namedCode,
  compound: namedCode.nullable().meta({ description: '所在小区；不在任何小区内时为 null' }),
});
export type PlaceAtPoint = z.output<typeof placeAtPointSchema>;
