import { promisify } from 'node:util';
import API from 'wechat-api';
import { postJSON, wrapper } from 'wechat-api/lib/util';
import { WeChatError, type Code2SessionResult, type SubscribeMessage, type TemplateMessage, type WeChatGateway } from './gateway';
import type { WeChatTokenStore } from './token-store';

export const officialApiBase = 'https://api.weixin.qq.com';

/** The body of `/cgi-bin/message/subscribe/send`, in WeChat's field names. */
interface SubscribePayload {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/**
 * The body of `/cgi-bin/message/template/send`: wechat-api's `sendTemplate` body plus
 * `client_msg_id`, which it does not pass on and by which WeChat drops a repeated send.
 */
interface TemplatePayload {
  touser: string;
  template_id: string;
  url?: string;
  miniprogram?: { appid: string; pagepath?: string };
  data: Record<string, { value: string }>;
  client_msg_id: string;
}

/** A failure of our mixin, tagged with the token it was sent with and the HTTP status, if any. */
type SendFailure = API.WeChatAPIError & { accessToken?: string; httpStatus?: number };

type PostingApi = API & { postWithToken(path: string, payload: unknown, callback: API.Callback): void };

// wechat-api predates mini-program subscribe messages and does not pass client_msg_id on template
// messages: one method added with its mixin posts a body to a token-bearing path, so wechat-api's
// token loading (getToken / fetch / saveToken) applies to it as to its own methods.
const postingMethods = {
  postWithToken(this: API, path: string, payload: unknown, callback: API.Callback): void {
    // `true` turns off wechat-api's own 40001 retry: it re-reads the same stale token from our
    // store and would only send twice with it. WeChatClient clears the token and retries instead.
    this.preRequest(postingMethods._postWithToken, [path, payload, callback], true);
  },
  _postWithToken(this: API, path: string, payload: unknown, callback: API.Callback): void {
    const accessToken = this.token!.accessToken;
    const url = `${this.endpoint}${path}?access_token=${encodeURIComponent(accessToken)}`;
    this.request(
      url,
      postJSON(payload),
      wrapper((err, data, res) => {
        const failure: SendFailure | null = err ?? (res && res.status >= 400 ? new Error(`HTTP ${res.status}`) : null);
        // Which token was refused, so a 40001 clears exactly that one (see WeChatTokenStore.clear).
        if (failure) {
          failure.accessToken = accessToken;
          // Our own field: urllib puts its own `status` (-1 on a timeout) on its errors.
          if (res && res.status >= 400) failure.httpStatus = res.status;
        }
        callback(failure, data, res);
      }),
    );
  },
};
// The mixin patches wechat-api's shared prototype, which outlives a re-import of this module
// (vitest re-evaluates our files per test file but not node_modules); mixin throws on a repeat.
if (!Object.prototype.hasOwnProperty.call(API.prototype, 'postWithToken')) API.mixin(postingMethods);

export interface WeChatClientOptions {
  appId: string;
  appSecret: string;
  /** Defaults to WeChat itself; the local fake's `http://127.0.0.1:PORT` in development and tests. */
  apiBase?: string;
  tokenStore: WeChatTokenStore;
  /** Per request; WeChat normally answers well within it. */
  timeoutMs?: number;
}

/** Codes meaning "this access token is no longer accepted": 40001 invalid, 42001 expired. */
const tokenRejectedCodes = new Set([40001, 42001]);

/** Our WeChat gateway: wechat-api for token-bearing calls, fetch for the mini-program login. */
export class WeChatClient implements WeChatGateway {
  private readonly apiBase: string;
  private readonly timeoutMs: number;
  private readonly post: (path: string, payload: unknown) => Promise<unknown>;

  constructor(private readonly options: WeChatClientOptions) {
    const { appId, appSecret, tokenStore } = options;
    this.apiBase = (options.apiBase ?? officialApiBase).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5_000;
    const api = new API(
      appId,
      appSecret,
      (callback) => {
        tokenStore.load(appId).then(
          (token) => callback(null, token ? { accessToken: token.accessToken, expireTime: token.expiresAt.getTime() } : null),
          (error: Error) => callback(error),
        );
      },
      (token, callback) => {
        tokenStore.save(appId, { accessToken: token.accessToken, expiresAt: new Date(token.expireTime) }).then(
          () => callback(null),
          (error: Error) => callback(error),
        );
      },
    ) as PostingApi;
    // Not setEndpoint: it forces https, and the local fake speaks plain http.
    api.endpoint = this.apiBase;
    api.setOpts({ timeout: this.timeoutMs });
    this.post = promisify(api.postWithToken.bind(api));
  }

  /** Sends a mini-program subscribe message (`/cgi-bin/message/subscribe/send`). */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const payload: SubscribePayload = {
      touser: message.openid,
      template_id: message.templateId,
      ...(message.page === undefined ? {} : { page: message.page }),
      data: message.data,
    };
    await this.postWithFreshToken('/cgi-bin/message/subscribe/send', payload);
  }

  /**
   * Sends a service-account template message (`/cgi-bin/message/template/send`) with
   * `client_msg_id`: WeChat drops a second send of the same id, so a re-run is safe.
   */
  async sendTemplateMessage(message: TemplateMessage): Promise<void> {
    const payload: TemplatePayload = {
      touser: message.openid,
      template_id: message.templateId,
      ...(message.url === undefined ? {} : { url: message.url }),
      ...(message.miniprogram === undefined ? {} : { miniprogram: message.miniprogram }),
      data: message.data,
      client_msg_id: message.clientMsgId,
    };
    await this.postWithFreshToken('/cgi-bin/message/template/send', payload);
  }

  /**
   * Posts with the shared token. A token WeChat refuses (40001/42001: rotated by someone else, or
   * expired early) is cleared from the shared store and the call retried once with a fresh one;
   * a second refusal is a configuration problem, reported as such rather than retried forever.
   */
  private async postWithFreshToken(path: string, payload: unknown): Promise<void> {
    try {
      await this.post(path, payload);
      return;
    } catch (caught) {
      const failure = caught as SendFailure;
      if (!isTokenRejection(failure)) throw toWeChatError(failure);
      await this.options.tokenStore.clear(this.options.appId, failure.accessToken!);
    }
    try {
      await this.post(path, payload);
    } catch (caught) {
      const failure = caught as SendFailure;
      if (!isTokenRejection(failure)) throw toWeChatError(failure);
      throw new WeChatError(
        `WeChat refused a freshly fetched access token as well (errcode ${failure.code}: ${redact(failure.message)}); ` +
          `check WECHAT_APP_ID / WECHAT_APP_SECRET, and that no other system refreshes this app's token`,
        { errcode: failure.code as number },
      );
    }
  }

  /** `wx.login()` code → openid via `/sns/jscode2session` (not in wechat-api, so plain fetch). */
  async code2Session(code: string): Promise<Code2SessionResult> {
    const query = new URLSearchParams({ appid: this.options.appId, secret: this.options.appSecret, js_code: code, grant_type: 'authorization_code' });
    let response: Response;
    try {
      response = await fetch(`${this.apiBase}/sns/jscode2session?${query}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      return unavailable(`network: ${(error as Error).message}`);
    }
    if (!response.ok) return unavailable(`HTTP ${response.status}`);
    let body: { openid?: unknown; unionid?: unknown; errcode?: number; errmsg?: string };
    try {
      // WeChat answers this endpoint as text/plain: parse the text, not by content type.
      body = JSON.parse(await response.text());
    } catch {
      return unavailable('answer is not JSON');
    }
    if (body.errcode) {
      const detail = `errcode ${body.errcode}: ${body.errmsg ?? ''}`;
      if (body.errcode === 40029) return { ok: false, reason: 'invalid_code', detail };
      if (body.errcode === 40163) return { ok: false, reason: 'code_used', detail };
      return unavailable(detail);
    }
    if (typeof body.openid !== 'string' || body.openid === '') return unavailable('answer has no openid');
    return { ok: true, openid: body.openid, ...(typeof body.unionid === 'string' && body.unionid ? { unionid: body.unionid } : {}) };
  }
}

function isTokenRejection(failure: SendFailure): boolean {
  return typeof failure.code === 'number' && tokenRejectedCodes.has(failure.code) && failure.accessToken !== undefined;
}

/**
 * urllib errors that mean the request may have reached WeChat and been acted on: the answer timed
 * out, or the connection broke after it was sent. A refused or failed connection is not among them.
 */
// wechat-api's wrapper prefixes urllib's error names with `WeChatAPI`.
const mayHaveArrived = new Set(['WeChatAPIResponseTimeoutError', 'WeChatAPIResponseError']);

function toWeChatError(failure: SendFailure): WeChatError {
  const errcode = typeof failure.code === 'number' && failure.code > 0 ? failure.code : undefined;
  return new WeChatError(`WeChat call failed${errcode ? ` (errcode ${errcode})` : ''}: ${redact(failure.message)}`, {
    errcode,
    httpStatus: failure.httpStatus,
    uncertain: errcode === undefined && failure.httpStatus === undefined && mayHaveArrived.has(failure.name),
  });
}

/** urllib puts the request URL into its error messages, and the token URL carries the app secret. */
function redact(text: string): string {
  return text.replace(/(secret|access_token)=[^&\s"]+/g, '$1=***');
}

function unavailable(detail: string): Code2SessionResult {
  return { ok: false, reason: 'unavailable', detail };
}
