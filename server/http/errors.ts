import type { Middleware } from 'koa';
import { ZodError } from 'zod';
import type { ErrorBody } from '../../shared/api/errors';
import { AppError, fieldErrorsOf, type ErrorDetails } from '../errors';

export { AppError, errors, fieldErrorsOf, type FieldErrors } from '../errors';
import type { Logger } from 'pino';

interface HttpishError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  code?: number | string;
  message?: string;
}

/** Maps every error that reaches HTTP to `{ error: { code, message, details } }`; 5xx never leak internals. */
export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError('route.not_found', '请求的接口不存在', 404);
      }
    } catch (caught) {
      const { status, code, message, details } = describe(caught);
      if (status >= 500) logger.error({ err: caught, path: ctx.path }, 'request failed');
      ctx.status = status;
      ctx.body = { error: { code, message, ...(details === undefined ? {} : { details }) } } satisfies ErrorBody;
    }
  };
}

function describe(caught: unknown): { status: number; code: string; message: string; details?: ErrorDetails } {
  if (caught instanceof AppError) return { status: caught.status, code: caught.code, message: caught.message, details: caught.details };
  if (caught instanceof ZodError) {
    return { status: 400, code: 'request.invalid', message: '提交的内容有误，请检查标出的字段', details: { fields: fieldErrorsOf(caught) } };
  }
  const error = caught as HttpishError;
  const status = error.status ?? error.statusCode;
  if (error.code === 11000) return { status: 409, code: 'conflict.duplicate', message: '记录已存在' };
  if (status && status >= 400 && status < 500 && error.expose !== false) {
    return { status, code: 'request.rejected', message: error.message ?? '请求无效' };
  }
  return { status: 500, code: 'internal', message: '服务器内部错误，请稍后重试' };
}

/** The body parser's failures, in our vocabulary: too large, wrong encoding, or not JSON at all. */
export function rethrowAsAppError(caught: Error): never {
  const error = caught as HttpishError;
  if (error.type === 'entity.too.large' || error.status === 413) throw new AppError('request.too_large', '提交的内容过大', 413);
  if (error.type === 'encoding.unsupported' || error.status === 415) throw new AppError('request.unsupported_encoding', '不支持的字符编码', 415);
  throw new AppError('request.malformed_json', '请求体不是有效的 JSON', 400);
}
