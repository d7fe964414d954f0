import { z, ZodError } from 'zod';
import type { ErrorBody } from '../shared/api/errors';
import type { CaseError } from '../shared/cases/types';

/** What an error may add beside its code and message: field errors, the current version… */
export type ErrorDetails = NonNullable<ErrorBody['error']['details']>;

// zod's own messages (a string where a number was expected, …) reach people beside the fields,
// like ours do: Chinese for every schema the server parses with, not just those with custom text.
z.config(z.locales.zhCN());

/** Field-level problems, keyed by dotted path (`location.lng`), each a list of Chinese messages. */
export type FieldErrors = Record<string, string[]>;

/**
 * The one error vocabulary. Codes are stable (`case.illegal_transition`), messages are for people
 * (zh-CN); the HTTP status is decided here, once, from the code's prefix table below.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

export const errors = {
  validation: (details: FieldErrors, message = '提交的内容有误，请检查标出的字段') => new AppError('request.invalid', message, 400, { fields: details }),
  unauthenticated: (message = '请先登录') => new AppError('auth.required', message, 401),
  forbidden: (code: string, message: string) => new AppError(code, message, 403),
  notFound: (what: string) => new AppError('not_found', `${what}不存在`, 404),
  conflict: (code: string, message: string, details?: ErrorDetails) => new AppError(code, message, 409, details),
  unprocessable: (code: string, message: string, details?: ErrorDetails) => new AppError(code, message, 422, details),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError('request.too_many', '同时进行的请求过多，请稍后重试', 429, { retryAfterSeconds }),
};

/** Turns a zod error into `{ "a.b": ["…"] }`: the shape the app shows beside each field. */
export function fieldErrorsOf(error: ZodError): FieldErrors {
  // A Map, not an object literal: a refused key may be named `constructor` or `toString`.
  const fields = new Map<string, string[]>();
  const add = (path: PropertyKey[], message: string) => {
    const key = path.map(String).join('.') || '(body)';
    fields.set(key, [...(fields.get(key) ?? []), message]);
  };
  for (const issue of error.issues) {
    // A strict object names the keys it refuses in one issue on the object; the app shows each beside its own field.
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add([...issue.path, key], '不允许的字段');
    else add(issue.path, issue.message);
  }
  return Object.fromEntries(fields);
}


const caseErrorStatus: Record<CaseError['code'], number> = {
  'case.invalid_event': 400,
  'case.forbidden': 403,
  'case.illegal_transition': 409,
  'case.not_due': 409,
  'case.already_rated': 409,
  'case.photos_required': 422,
  'case.anonymous_not_allowed': 422,
  'case.reopen_window_passed': 422,
  'case.reopen_limit_reached': 422,
};

/**
 * A refusal of the case machine, as an AppError with the status its code stands for. Once the body
 * has passed its schema, an invalid event is about facts no schema holds (a date too far ahead,
 * a unit named twice): 422, so that 400 always means "not what the API document allows".
 */
export function fromCaseError(error: CaseError, options: { bodyParsed?: boolean } = {}): AppError {
  const details = error.details && { fields: Object.fromEntries(Object.entries(error.details).map(([path, message]) => [path, [message]])) };
  const status = error.code === 'case.invalid_event' && options.bodyParsed ? 422 : caseErrorStatus[error.code];
  return new AppError(error.code, error.message, status, details);
}

/** A list cursor we never issued: every store answers it alike. */
export const invalidListCursor = () => errors.unprocessable('list.invalid_cursor', '翻页标记无效，请从第一页重新加载', { fields: { cursor: ['翻页标记无效'] } });

/** The job queue's refusals, each with its status. */
export type JobErrorCode = 'job.forbidden' | 'job.not_found' | 'job.not_failed';
const jobErrorStatus: Record<JobErrorCode, number> = { 'job.forbidden': 403, 'job.not_found': 404, 'job.not_failed': 409 };
const jobError = (code: JobErrorCode, message: string, details?: ErrorDetails) => new AppError(code, message, jobErrorStatus[code], details);

export const jobErrors = {
  forbidden: () => jobError('job.forbidden', '只有系统管理员可以查看和重试后台任务'),
  notFound: () => jobError('job.not_found', '后台任务不存在'),
  notFailed: (status: string) => jobError('job.not_failed', '只能重试已失败的任务', { status }),
};

export const messageErrors = {
  notFound: () => new AppError('message.not_found', '消息不存在', 404),
};

/** Membership and roster refusals, each with its status. */
export type MembershipErrorCode =
  | 'membership.forbidden'
  | 'membership.not_found'
  | 'membership.duplicate'
  | 'membership.stale'
  | 'membership.not_pending'
  | 'membership.not_active'
  | 'membership.unknown_place'
  | 'roster.forbidden'
  | 'roster.rejected'
  | 'roster.too_large'
  | 'roster.unsupported_type'
  | 'roster.upload_interrupted';
const membershipErrorStatus: Record<MembershipErrorCode, number> = {
  'membership.forbidden': 403,
  'membership.not_found': 404,
  'membership.duplicate': 409,
  'membership.stale': 409,
  'membership.not_pending': 422,
  'membership.not_active': 422,
  'membership.unknown_place': 422,
  'roster.forbidden': 403,
  'roster.rejected': 422,
  'roster.too_large': 413,
  'roster.unsupported_type': 415,
  'roster.upload_interrupted': 400,
};
export const membershipError = (code: MembershipErrorCode, message: string, details?: ErrorDetails) => new AppError(code, message, membershipErrorStatus[code], details);

/** Open311's refusals, each with its status; the Open311 adapter renders them as the spec's error list. */
export type Open311ErrorCode =
  | 'open311.key_invalid'
  | 'open311.key_revoked'
  | 'open311.rate_limited'
  | 'open311.keys_forbidden'
  | 'open311.key_not_found'
  | 'open311.key_already_revoked'
  | 'open311.not_found'
  | 'open311.bad_request'
  | 'open311.unsupported_format';
const open311ErrorStatus: Record<Open311ErrorCode, number> = {
  'open311.key_invalid': 403,
  'open311.key_revoked': 403,
  'open311.rate_limited': 429,
  'open311.keys_forbidden': 403,
  'open311.key_not_found': 404,
  'open311.key_already_revoked': 409,
  'open311.not_found': 404,
  'open311.bad_request': 400,
  'open311.unsupported_format': 400,
};
const open311Error = (code: Open311ErrorCode, message: string, details?: ErrorDetails) => new AppError(code, message, open311ErrorStatus[code], details);

export const open311Errors = {
  keyInvalid: () => open311Error('open311.key_invalid', 'api_key 无效'),
  keyRevoked: () => open311Error('open311.key_revoked', 'api_key 已被吊销'),
  rateLimited: (retryAfterSeconds: number) => open311Error('open311.rate_limited', `提交过于频繁，请${retryAfterSeconds}秒后重试`, { retryAfterSeconds }),
  keysForbidden: () => open311Error('open311.keys_forbidden', '只有系统管理员可以管理 Open311 接口密钥'),
  keyNotFound: () => open311Error('open311.key_not_found', '接口密钥不存在'),
  keyAlreadyRevoked: () => open311Error('open311.key_already_revoked', '该接口密钥已吊销'),
  notFound: (what: string) => open311Error('open311.not_found', `${what}不存在`),
  badRequest: (message: string) => open311Error('open311.bad_request', message),
  unsupportedFormat: () => open311Error('open311.unsupported_format', '只支持 .json 与 .xml 两种格式'),
};
