import { z } from 'zod';

/** `GET /api/health`: the same shape whether the database answers (200) or not (503). */
export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  engine: z.enum(['ferretdb', 'mongodb']).meta({ description: '数据库引擎：内嵌 FerretDB 或 MongoDB' }),
});
export type Health = z.output<typeof healthSchema>;
