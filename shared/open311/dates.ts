/**
 * Dates as GeoReport v2 wants them: ISO 8601 with the zone stated. Ours is Beijing time (UTC+8,
 * no daylight saving), so every instant is written with `+08:00`, as a clerk in Baohe reads it.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-11-28T21:05:00+08:00` for the instant; seconds kept, milliseconds dropped. */
export function open311DateTime(instant: Date | string): string {
  const at = new Date(new Date(instant).getTime() + OFFSET_MS);
  return `${at.toISOString().slice(0, 19)}+08:00`;
}

/**
 * A client's date: ISO 8601 with a zone (`Z` or `±HH:MM`), as the spec requires; a bare date or a
 * date-time without a zone is read in Beijing time, since that is what a local client means.
 * Undefined when the text is no date at all.
 */
export function parseOpen311DateTime(text: string): Date | undefined {
  const trimmed = text.trim();
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(trimmed);
  if (!match) return undefined;
  const [, day, time, zone] = match;
  const offset = zone && zone !== 'Z' && !zone.includes(':') ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const zoned = `${day}T${time ?? '00:00:00'}${offset ?? '+08:00'}`;
  const parsed = new Date(zoned);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
