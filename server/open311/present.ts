import type { Context } from 'koa';
import { ZodError } from 'zod';
import { open311FieldOf } from '../../shared/open311/queries';
import { AppError, fieldErrorsOf } from '../errors';
import { toXmlDocument, type XmlValue } from './xml';

/** GeoReport v2's two formats, chosen by the path's extension. */
export type Open311Format = 'json' | 'xml';

/** One answer: the XML root element's name and the value both formats carry. */
export interface Open311Body {
  root: string;
  value: XmlValue;
}

/** Writes the same value as JSON or as XML, in UTF-8, with the charset stated. */
export function render(ctx: Context, format: Open311Format, status: number, body: Open311Body): void {
  ctx.status = status;
  if (format === 'xml') {
    ctx.type = 'text/xml; charset=utf-8';
    ctx.body = toXmlDocument(body.root, body.value);
  } else {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify(body.value);
  }
}

export interface Open311Error {
  code: number;
  description: string;
}

/**
 * Any error as the spec's list of `{ code, description }`, `code` being the HTTP status: each
 * field problem its own entry, prefixed with the field, so a client can show them one by one.
 * The codes of our vocabulary stay in the logs; 5xx never says more than that it failed.
 */
export function open311ErrorsOf(caught: unknown): { status: number; errors: Open311Error[]; retryAfterSeconds?: number } {
  if (caught instanceof ZodError) return { status: 400, errors: fieldEntries(400, fieldErrorsOf(caught)) };
  if (caught instanceof AppError) {
    const fields = caught.details?.fields;
    const retryAfterSeconds = typeof caught.details?.retryAfterSeconds === 'number' ? caught.details.retryAfterSeconds : undefined;
    const errors = fields && Object.keys(fields).length ? fieldEntries(caught.status, fields) : [{ code: caught.status, description: caught.message }];
    return { status: caught.status, errors, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) };
  }
  return { status: 500, errors: [{ code: 500, description: '服务器内部错误，请稍后重试' }] };
}

function fieldEntries(status: number, fields: Record<string, string[]>): Open311Error[] {
  return Object.entries(fields).flatMap(([field, messages]) => messages.map((message) => ({ code: status, description: `${open311FieldOf(field)}：${message}` })));
}
