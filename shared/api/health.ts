import { z } from 'zod';

/** `GET /api/health`: the same shape whether the database answers (200) or not (503). */
export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  engine: z.enum(['ferretdb', 'mongodb']).meta({ description: '数据库引擎：内嵌 FerretDB 或 MongoDB' }),
  hotline: z
    .record(
      z.enum(['12345', '12319']),
      z.object({ status: z.enum(['ok', 'alarm']), reason: z.enum(['failing', 'silent']).optional(), message: z.string().optional() }),
    )
    .optional()
    .meta({ description: '已接入的热线渠道是否正常：接口连续失败或长时间没有新工单时为 alarm（告警）' }),
});
export type Health = z.output<typeof healthSchema>;
