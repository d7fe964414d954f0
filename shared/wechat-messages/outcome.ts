/**
 * What a failed WeChat send means for the message: WeChat's error codes, translated once.
 * - `refused`: the user has not subscribed (43101): recorded, never retried; their consent is gone.
 * - `permanent`: WeChat will refuse it again (47003 bad data, 40003 bad openid, 40037 bad template…):
 *   recorded, never retried.
 * - `later`: WeChat or the way to it is busy or down (45009 rate limit, -1 system busy, HTTP 5xx,
 *   no connection) or the token was refused even fresh: the job backs off and tries again.
 * - `unknown`: no answer, but the request may have reached WeChat (a response timeout).
 */
export type FailureVerdict = 'refused' | 'permanent' | 'later' | 'unknown';

/** Codes WeChat answers when it is busy or rate-limits us: worth trying again after a pause. */
const laterCodes = new Set([-1, 45009, 45011, 45047, 40001, 42001]);

export function verdictOf(failure: { errcode?: number; httpStatus?: number; uncertain?: boolean }): FailureVerdict {
  if (failure.errcode === 43101) return 'refused';
  if (failure.errcode !== undefined) return laterCodes.has(failure.errcode) ? 'later' : 'permanent';
  if (failure.uncertain) return 'unknown';
  return 'later';
}
