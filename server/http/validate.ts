import type { z } from 'zod';
import { errors, fieldErrorsOf } from './errors';

/**
 * Parses input with a schema from shared/; any problem becomes one 400 with field errors. Hostile
 * keys (`$where`, `a.b`, `__proto__`) never get here: `refuseHostileKeys` refuses them for every
 * body and query string before routing.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw errors.validation(fieldErrorsOf(result.error));
  return result.data;
}
