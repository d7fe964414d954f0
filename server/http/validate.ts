import type { z } from 'zod';
import { errors, fieldErrorsOf } from './errors';

/**
 * Parses input with a schema from shared/; any problem becomes one 400 with field errors.
 * Keys starting with `$` or containing `.` are refused before the schema sees them, whatever the
 * schema says: they could be read as query operators further down.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const hostile = hostileKeys(input);
  if (hostile.length > 0) throw errors.validation(Object.fromEntries(hostile.map((key) => [key, ['不允许的字段名']])));
  const result = schema.safeParse(input);
  if (!result.success) throw errors.validation(fieldErrorsOf(result.error));
  return result.data;
}

function hostileKeys(value: unknown, prefix = '', depth = 0, found: string[] = []): string[] {
  if (depth > 20 || value === null || typeof value !== 'object') return found;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (key.startsWith('$') || key.includes('.') || key === '__proto__') found.push(path);
    hostileKeys(child, path, depth + 1, found);
  }
  return found;
}
