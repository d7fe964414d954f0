import { z } from 'zod';
import type { FileCaseRequest } from '../schemas/cases';
import { parseOpen311DateTime } from './dates';
import { attributeCodes } from './services';

/**
 * What Open311 clients send, checked at the edge, and the spec's defaults. Unknown parameters are
 * ignored rather than refused: GeoReport v2 clients routinely add `jurisdiction_id` or `api_key`
 * to every call.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** GeoReport v2: a date range "may not span more than 90 days"; without one, the last 90 days. */
export const MAX_WINDOW_DAYS = 90;
/** The most requests one answer holds, as the spec's default (the newest first). */
export const MAX_REQUESTS = 1000;
/** The most ids a `service_request_id` list may name. */
export const MAX_IDS = 100;

const dateParam = (label: string) =>
  z
    .string()
    .transform((text, ctx) => {
      const parsed = parseOpen311DateTime(text);
      if (!parsed) ctx.addIssue({ code: 'custom', message: `${label}须为 ISO 8601 时间，如 2026-11-01T00:00:00+08:00` });
      return parsed ?? new Date(0);
    })
    .optional();

const serviceCode = z.string().regex(/^\d{2}\.\d{2}$/, 'service_code 须为服务代码，如 01.03');

/** GET requests.{format} */
export const listRequestsQuerySchema = z.object({
  service_request_id: z
    .string()
    .transform((text) => [...new Set(text.split(',').map((id) => id.trim()).filter(Boolean))])
    .refine((ids) => ids.length > 0 && ids.length <= MAX_IDS, `service_request_id 须为1至${MAX_IDS}个编号，以逗号分隔`)
    .refine((ids) => ids.every((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id)), 'service_request_id 含无效的编号')
    .optional(),
  service_code: serviceCode.optional(),
  start_date: dateParam('start_date'),
  end_date: dateParam('end_date'),
  status: z
    .string()
    .transform((text) => [...new Set(text.split(',').map((s) => s.trim().toLowerCase()))])
    .pipe(z.array(z.enum(['open', 'closed'], 'status 只能为 open、closed 或二者以逗号分隔')))
    .optional(),
});
export type ListRequestsQuery = z.output<typeof listRequestsQuerySchema>;

/** GET servicerequestupdates.{format} (FixMyStreet's extension): a window of update times. */
export const listUpdatesQuerySchema = z.object({ start_date: dateParam('start_date'), end_date: dateParam('end_date') });

/** A window of at most 90 days, or why it cannot be one. */
export type Window = { ok: true; from: Date; to: Date } | { ok: false; message: string };

/**
 * The search window the spec gives: both ends as asked; one end alone reaches 90 days from it;
 * neither, the 90 days up to `now`. A range longer than 90 days, or ending before it starts, is
 * refused (the spec says it "may not span more than 90 days").
 */
export function windowOf(query: { start_date?: Date; end_date?: Date }, now: Date): Window {
  const span = MAX_WINDOW_DAYS * DAY_MS;
  const to = query.end_date ?? (query.start_date ? new Date(query.start_date.getTime() + span) : now);
  const from = query.start_date ?? new Date(to.getTime() - span);
  if (to < from) return { ok: false, message: 'end_date 不能早于 start_date' };
  if (to.getTime() - from.getTime() > span) return { ok: false, message: `start_date 与 end_date 相隔不能超过${MAX_WINDOW_DAYS}天` };
  return { ok: true, from, to };
}

const optionalText = (max: number, label: string) => z.string().trim().max(max, `${label}不超过${max}字`).optional();

/** POST requests.{format}, form-encoded; `attribute[code]` fields arrive as `attributes`. */
export const postRequestSchema = z
  .object({
    api_key: z.string().min(1, '缺少 api_key'),
    service_code: serviceCode,
    lat: z.coerce.number('lat 须为数字').min(-90).max(90).optional(),
    long: z.coerce.number('long 须为数字').min(-180).max(180).optional(),
    address_string: optionalText(200, 'address_string'),
    address_id: z.string().trim().max(40).optional(),
    description: z.string().trim().min(5, 'description 请至少用5个字描述问题').max(2000, 'description 不超过2000字'),
    email: z.email('email 格式不正确').max(200).optional(),
    device_id: optionalText(100, 'device_id'),
    account_id: optionalText(100, 'account_id'),
    first_name: optionalText(20, 'first_name'),
    last_name: optionalText(20, 'last_name'),
    phone: z.string().regex(/^1[3-9]\d{9}$/, 'phone 须为11位手机号码').optional(),
    media_url: z.url('media_url 须为网址').max(500).optional(),
    attributes: z
      .record(z.string(), z.string())
      .default({})
      .refine((attributes) => [undefined, 'true', 'false'].includes(attributes[attributeCodes.anonymous]), {
        message: `attribute[${attributeCodes.anonymous}] 只能为 true 或 false`,
        path: [attributeCodes.anonymous],
      }),
  })
  .refine((form) => (form.lat !== undefined) === (form.long !== undefined), { message: 'lat 与 long 须同时提供', path: ['lat'] })
  // The spec takes lat/long, address_string or address_id; matching free address text to a
  // compound is not done here, so a text alone cannot place a case.
  .refine((form) => form.lat !== undefined || form.address_id !== undefined, { message: '请提供经纬度（lat、long，GCJ-02）或小区编号（address_id）', path: ['lat'] });
export type PostRequestForm = z.output<typeof postRequestSchema>;

/** The reporter's name as the form gives it: family name first, as names are written here. */
export function reporterNameOf(form: Pick<PostRequestForm, 'first_name' | 'last_name'>): string | undefined {
  const name = `${form.last_name ?? ''}${form.first_name ?? ''}`.trim();
  return name || undefined;
}

/** The filing an Open311 request stands for, in our own API's words (validated by our schema next). */
export function filingOf(form: PostRequestForm): FileCaseRequest {
  const attribute = (code: string) => form.attributes[code]?.trim() || undefined;
  const anonymous = attribute(attributeCodes.anonymous);
  return {
    subcategoryCode: form.service_code,
    description: form.description,
    ...(form.lat !== undefined && form.long !== undefined ? { location: { lng: form.long, lat: form.lat } } : {}),
    ...(form.address_string && form.address_string.length >= 2 ? { address: form.address_string } : {}),
    ...(form.address_id ? { compoundCode: form.address_id } : {}),
    ...(attribute(attributeCodes.building) ? { buildingCode: attribute(attributeCodes.building) } : {}),
    ...(attribute(attributeCodes.title) ? { title: attribute(attributeCodes.title) } : {}),
    ...(anonymous !== undefined ? { anonymous: anonymous === 'true' } : {}),
    ...(form.phone ? { contactPhone: form.phone } : {}),
  };
}

/**
 * Reads a form body: repeated keys keep the last value, `attribute[code]` go to `attributes`.
 * A Map underneath, so a key named `__proto__` is just a key.
 */
export function formFields(params: URLSearchParams): Record<string, unknown> {
  const fields = new Map<string, string>();
  const attributes = new Map<string, string>();
  for (const [key, value] of params) {
    const match = /^attribute\[([A-Za-z0-9_.-]{1,40})\]$/.exec(key);
    if (match) attributes.set(match[1]!, value);
    else fields.set(key, value);
  }
  const record: Record<string, unknown> = Object.create(null);
  for (const [key, value] of fields) if (value !== '') record[key] = value;
  record.attributes = Object.fromEntries(attributes);
  return record;
}

/** Our filing's field names as the Open311 parameters that carry them, for error messages. */
const open311Fields: Record<string, string> = {
  subcategoryCode: 'service_code',
  location: 'lat',
  'location.lat': 'lat',
  'location.lng': 'long',
  address: 'address_string',
  compoundCode: 'address_id',
  buildingCode: `attribute[${attributeCodes.building}]`,
  title: `attribute[${attributeCodes.title}]`,
  anonymous: `attribute[${attributeCodes.anonymous}]`,
  contactPhone: 'phone',
};

/** The Open311 parameter a field error of ours is about. */
export function open311FieldOf(field: string): string {
  if (field.startsWith('attributes.')) return `attribute[${field.slice('attributes.'.length)}]`;
  return open311Fields[field] ?? field;
}
