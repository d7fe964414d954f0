import { z } from 'zod';
import { roles } from '../domain/roles';

/** Where an account answers for; which field is set follows the role. */
export const scopeSchema = z.strictObject({
  streetCode: z.string().optional(),
  gridCode: z.string().optional(),
  compoundCodes: z.array(z.string()).optional(),
  unitCode: z.string().optional(),
});

/** `GET /api/v1/auth/me`: who the token stands for. */
export const meSchema = z.strictObject({
  id: z.string(),
  role: z.enum([...roles, 'system']),
  roleLabel: z.string(),
  name: z.string(),
  scope: scopeSchema,
});
export type Me = z.output<typeof meSchema>;

/** Every sign-in answers with a token and the account it stands for. */
export const sessionSchema = z.strictObject({
  token: z.string().meta({ description: '登录凭证，放入 Authorization: Bearer <token>' }),
  expiresIn: z.number().int().positive().meta({ description: '有效期（秒）' }),
  account: meSchema.extend({ role: z.enum(roles) }),
});
export type Session = z.output<typeof sessionSchema>;
