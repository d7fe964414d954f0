/**
 * The opaque cursor of a case list: the last item's (filedAt, id), newest first. One codec for
 * every store, so a cursor means the same whichever store issued it. Plain ASCII inside, so
 * `btoa`/`atob` suffice on the server and in the app alike.
 */
export interface ListPosition {
  filedAt: Date;
  id: string;
}

/** The cursor that continues a list after `last`. */
export function encodeListCursor(last: ListPosition): string {
  return btoa(`${last.filedAt.getTime()}:${last.id}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The position a cursor names, or undefined for anything we never issued. */
export function decodeListCursor(cursor: string): ListPosition | undefined {
  let text: string;
  try {
    text = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
  } catch {
    return undefined;
  }
  const [ms, id] = text.split(':');
  const time = Number(ms);
  const filedAt = new Date(time);
  // A safe integer can still lie beyond the Date range (±8.64e15 ms): such a cursor was never issued by us.
  if (!id || !/^[A-Za-z0-9_-]+$/.test(id) || !Number.isSafeInteger(time) || Number.isNaN(filedAt.getTime())) return undefined;
  return { filedAt, id };
}

/** Newest first by filing time, then by id: the order every case list is in. */
export function isAfterInList(item: ListPosition, after: ListPosition): boolean {
  const t = item.filedAt.getTime();
  const a = after.filedAt.getTime();
  return t < a || (t === a && item.id < after.id);
}
