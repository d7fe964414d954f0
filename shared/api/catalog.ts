import type { z } from 'zod';
import { catalogSchema } from '../catalog/schema';

/** A version of the service list, as read and as published (the stored shape is the wire shape). */
export const catalogResponseSchema = catalogSchema;
export type CatalogResponse = z.output<typeof catalogResponseSchema>;
