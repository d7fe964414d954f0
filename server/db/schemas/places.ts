import { Schema, type InferSchemaType } from 'mongoose';
import { compoundKinds, streetKinds, unitTypes, type Compound, type Grid, type Street, type Unit } from '../../../shared/domain/places';
import type { Equals } from './shape-check';

const lngLat = new Schema({ lng: { type: Number, required: true }, lat: { type: Number, required: true } }, { _id: false });
const person = new Schema({ name: { type: String, required: true }, phone: { type: String, required: true } }, { _id: false });

export const streetSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: streetKinds, required: true },
  },
  { versionKey: false },
);
streetSchema.index({ code: 1 }, { unique: true });

export const gridSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    streetCode: { type: String, required: true },
    /** Polygon ring as {lng,lat} objects: FerretDB rejects GeoJSON's nested arrays. */
    boundary: { type: [lngLat], required: true },
    team: {
      leader: { type: person, required: true },
      members: { type: [person], required: true },
      volunteers: { type: [person], required: true },
    },
  },
  { versionKey: false },
);
gridSchema.index({ code: 1 }, { unique: true });
gridSchema.index({ streetCode: 1, code: 1 });

export const compoundSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: compoundKinds, required: true },
    gridCode: { type: String, required: true },
    streetCode: { type: String, required: true },
    location: { type: lngLat, required: true },
    boundary: { type: [lngLat], required: true },
    buildings: { type: [new Schema({ code: { type: String, required: true }, name: { type: String, required: true } }, { _id: false })], required: true },
    propertyUnitCode: { type: String },
  },
  { versionKey: false },
);
compoundSchema.index({ code: 1 }, { unique: true });
compoundSchema.index({ gridCode: 1, code: 1 });

export const unitSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, enum: unitTypes, required: true },
    streetCode: { type: String },
    phone: { type: String, required: true },
  },
  { versionKey: false },
);
unitSchema.index({ code: 1 }, { unique: true });
unitSchema.index({ type: 1, streetCode: 1, code: 1 });

/** A residents' committee (居委会) and the compounds it serves. */
export const communitySchema = new Schema(
  {
    unitCode: { type: String, required: true },
    compoundCodes: { type: [String], required: true },
  },
  { versionKey: false },
);
communitySchema.index({ unitCode: 1 }, { unique: true });
communitySchema.index({ compoundCodes: 1 });

// Compile-time guard: the stored shapes and the domain types must not drift apart.
type Stored<S> = Omit<InferSchemaType<S>, '_id'>;
export const placeShapesAgree: [
  Equals<keyof Stored<typeof streetSchema>, keyof Street>,
  Equals<keyof Stored<typeof gridSchema>, keyof Grid>,
  Equals<keyof Stored<typeof compoundSchema>, keyof Compound>,
  Equals<keyof Stored<typeof unitSchema>, keyof Unit>,
] = [true, true, true, true];
