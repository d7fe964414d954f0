/**
 * One page of an in-memory list sorted by code: items after `after`, at most `limit`, and the
 * cursor for the next page (the last code shown), or null at the end.
 */
export function pageByCode<T extends { code: string }>(sorted: readonly T[], after: string | undefined, limit: number) {
  const start = after === undefined ? 0 : sorted.findIndex((item) => item.code > after);
  const items = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  const more = start >= 0 && start + limit < sorted.length;
  return { items, nextCursor: more && last ? last.code : null };
}
