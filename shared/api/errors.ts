import { z } from 'zod';

/** Every refusal, whatever the route: `{ error: { code, message, details? } }`. */
export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string().meta({ description: '稳定的机器可读错误码，客户端据此分支', examples: ['request.invalid', 'case.illegal_transition', 'auth.required'] }),
    message: z.string().meta({ description: '给用户看的中文说明' }),
    details: z
      .looseObject({
        fields: z.record(z.string(), z.array(z.string())).optional().meta({ description: '字段错误：键为字段路径（如 location.lng），值为中文提示' }),
      })
      .optional()
      .meta({ description: '附加信息：字段错误，或冲突时的当前版本（currentVersion、latestVersion）等' }),
  }),
});
export type ErrorBody = z.output<typeof errorBodySchema>;
