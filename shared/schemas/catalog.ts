import { z } from 'zod';
import { categorySchema } from '../catalog/schema';

/** An administrator's edit of the service list, published as the next version. */
export const publishCatalogSchema = z.strictObject({
  /** The version the editor started from: publishing over a newer version is refused (409). */
  basedOn: z.number().int().min(1),
  categories: z.array(categorySchema).min(1).max(30),
});

export const catalogVersionParamSchema = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000) });
