import { z } from 'zod';

/**
 * Building blocks of the response schemas. A response schema's input side is the JSON on the wire
 * (what the OpenAPI document shows and the app receives); its output side is what a presenter
 * returns (dates as `Date`), so presenters are typed by `z.output` and clients parse with the
 * schema to get dates back.
 */

/** An instant: a `Date` in the server, an ISO 8601 string (UTC, `Z`) on the wire, as `JSON.stringify` writes it. */
export const dateTime = z
  .codec(z.iso.datetime({ offset: true }), z.date(), {
    decode: (text) => new Date(text),
    encode: (date) => date.toISOString(),
  })
  .meta({ description: 'ISO 8601 时间，如 2026-03-20T10:00:00.000Z' });

/** A code/name pair, as lists and views name a street, grid, compound or category. */
export const namedCode = z.strictObject({ code: z.string(), name: z.string() });

/** A point in GCJ-02, as WeChat's map gives it. */
export const lngLatView = z.strictObject({ lng: z.number(), lat: z.number() });

/** A page of a list: `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: '下一页的翻页标记；为 null 时没有下一页' }),
  });

/** A photo as views link to it. */
export const photoLinksSchema = z.strictObject({
  id: z.string(),
  url: z.string(),
  thumbnailUrl: z.string(),
});
export type PhotoLinks = z.output<typeof photoLinksSchema>;
