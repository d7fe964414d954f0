import Taro from '@tarojs/taro';

/**
 * The one way the app talks to the server. Pages never call Taro.request themselves: they call a
 * service (health.ts, catalog.ts, …), which calls `request` here.
 */

/** Replaced at build time; '' means the page's own origin (H5 is served by the API server). */
export const API_BASE: string = process.env.TARO_APP_API_BASE ?? '';

/** Where the signed-in user's token is kept in Taro storage. */
export const TOKEN_STORAGE_KEY = 'gongzhi.token';

/** What every failure turns into: a stable code for the program and a Chinese message for people. */
export class ApiError extends Error {
  /** The server's machine code (e.g. `case.illegal_transition`), or `network` / `http.<status>`. */
  readonly code: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly details?: unknown;

  constructor(code: string, message: string, status: number, details?: unknown) {
    super(message);
    // Older mini-program runtimes get ES5 classes, where extending Error loses the prototype.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const NETWORK_ERROR_MESSAGE = '网络连接失败，请稍后重试';

/** The server's error body, `{ error: { code, message, details } }`. */
interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

function isErrorEnvelope(data: unknown): data is ErrorEnvelope {
  if (typeof data !== 'object' || data === null || !('error' in data)) return false;
  const error = (data as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/**
 * A message for a failed response without the envelope. The API always sends one, so such a
 * response came from something in between (a gateway, a proxy, a static server) and, but for the
 * few statuses a resident can act on, means the service cannot be reached.
 */
function statusMessage(status: number): string {
  if (status === 401) return '请先登录';
  if (status === 403) return '没有权限执行此操作';
  if (status === 413) return '上传的内容太大';
  if (status === 429) return '操作太频繁，请稍后再试';
  return '服务暂时不可用，请稍后重试';
}

/** Turns a failed HTTP response into an ApiError, preferring the server's own message. */
export function toApiError(status: number, data: unknown): ApiError {
  if (isErrorEnvelope(data)) {
    const { code, message, details } = data.error;
    return new ApiError(code, message, status, details);
  }
  return new ApiError(`http.${status}`, statusMessage(status), status);
}

export function readToken(): string | undefined {
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_STORAGE_KEY);
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the token the server issued at sign-in; every later request carries it. */
export function saveToken(token: string): void {
  Taro.setStorageSync(TOKEN_STORAGE_KEY, token);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_STORAGE_KEY);
}

/**
 * Adds the bearer token to every request, and turns every failure into an ApiError: an error
 * status into the server's message, no response at all into the network message.
 */
const authAndErrors: Taro.interceptor = (chain) => {
  const params = chain.requestParams;
  const token = readToken();
  if (token) {
    params.header = { ...params.header, Authorization: `Bearer ${token}` };
  }
  return (chain.proceed(params) as Promise<Taro.request.SuccessCallbackResult>).then(
    (res) => {
      if (res.statusCode >= 200 && res.statusCode < 300) return res;
      throw toApiError(res.statusCode, res.data);
    },
    (cause: unknown) => {
      if (cause instanceof ApiError) throw cause;
      throw new ApiError('network', NETWORK_ERROR_MESSAGE, 0, cause);
    },
  );
};

Taro.addInterceptor(authAndErrors);

/** The methods the mini-program's wx.request accepts that the API uses (it has no PATCH). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /** Extra headers (e.g. `If-Match`, `Idempotency-Key`). */
  headers?: Record<string, string>;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
}

/** Waits before each retry of a safe request that got no answer: the network often comes back. */
export const SAFE_RETRY_DELAYS_MS = [400, 1200];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return pairs.length === 0 ? path : `${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

async function send<T>(method: HttpMethod, path: string, body: unknown, options: RequestOptions): Promise<T> {
  const res = await Taro.request<T>({
    url: `${API_BASE}${withQuery(path, options.query)}`,
    method,
    data: body as Record<string, unknown> | undefined,
    header: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
    dataType: 'json',
    timeout: 15000,
  });
  return res.data;
}

/**
 * Sends one request to the API and answers the parsed JSON body; failures throw an ApiError.
 * A GET that got no answer at all is tried again (it changes nothing); a write never is here:
 * a write that may be repeated carries its own idempotency key and is retried by its caller.
 */
export async function request<T>(method: HttpMethod, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send<T>(method, path, body, options);
    } catch (error) {
      const retriable = method === 'GET' && error instanceof ApiError && error.code === 'network' && attempt < SAFE_RETRY_DELAYS_MS.length;
      if (!retriable) throw error;
      await sleep(SAFE_RETRY_DELAYS_MS[attempt]);
    }
  }
}

/** The message to show for anything a service call threw. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : '出了点问题，请稍后重试';
}
