/**
 * The opaque cursor of a list ordered newest first by an instant, ties broken by id: the last
 * item's (instant, id). One codec for every store of such a list (jobs, in-app messages).
 */
export const encodeTimeIdCursor = (at: Date, id: string) => Buffer.from(`${at.getTime()}:${id}`).toString('base64url');

/**
 * The position a cursor names, or undefined for anything we never issued. Ids may hold colons
 * themselves (a job id is `caseId:version:index`), so only the first one separates the time.
 */
export function decodeTimeIdCursor(cursor: string): { at: Date; id: string } | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const split = text.indexOf(':');
  const time = Number(text.slice(0, split));
  const at = new Date(time);
  const id = text.slice(split + 1);
  if (split < 1 || !id || !Number.isSafeInteger(time) || Number.isNaN(at.getTime())) return undefined;
  return { at, id };
}
