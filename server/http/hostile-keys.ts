import type { Middleware } from 'koa';
import { errors } from './errors';

/**
 * Names that could reach a prototype (`__proto__`, `constructor`, `prototype`) or be read as a
 * query operator or a path further down (`$where`, `a.b`). No schema of ours uses such a name.
 */
const isHostileKey = (key: string) => key === '__proto__' || key === 'constructor' || key === 'prototype' || key.startsWith('$') || key.includes('.');

/** Every hostile key in a parsed value, by path; a depth limit keeps a deep body from costing much. */
export function hostileKeys(value: unknown, prefix = '', depth = 0, found: string[] = []): string[] {
  if (depth > 20 || value === null || typeof value !== 'object') return found;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isHostileKey(key)) found.push(path);
    hostileKeys(child, path, depth + 1, found);
  }
  return found;
}

/**
 * Refuses, for every route at once, a JSON body or a query string carrying a hostile key: 400
 * with the offending paths, before any handler or schema sees the input.
 */
export function refuseHostileKeys(): Middleware {
  return async (ctx, next) => {
    const found = [...hostileKeys(ctx.query), ...hostileKeys((ctx.request as { body?: unknown }).body)];
    if (found.length > 0) throw errors.validation(Object.fromEntries(found.map((key) => [key, ['不允许的字段名']])));
    await next();
  };
}
