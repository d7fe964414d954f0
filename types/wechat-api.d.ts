// The parts of wechat-api 1.35.1 we use; the package ships no types. Read from its lib/api_common.js
// and lib/util.js: keep in step with the installed version.

declare module 'wechat-api' {
  namespace WeChatAPI {
    /** What wechat-api hands to saveToken and expects back from getToken; `expireTime` is epoch ms. */
    interface AccessToken {
      accessToken: string;
      expireTime: number;
    }

    /** An error from its `wrapper`: `code` is WeChat's errcode (or -1 for an empty answer). */
    interface WeChatAPIError extends Error {
      code?: number | string;
    }

    type Callback<T = unknown> = (err: WeChatAPIError | null, data?: T, res?: ResponseInfo) => void;

    /** The urllib response passed as a callback's third argument. */
    interface ResponseInfo {
      status: number;
      headers: Record<string, string | string[] | undefined>;
    }

    interface RequestOptions {
      dataType?: 'json' | 'text';
      type?: 'GET' | 'POST';
      method?: 'GET' | 'POST';
      data?: unknown;
      headers?: Record<string, string>;
      timeout?: number | [number, number];
    }

    type GetToken = (callback: (err: Error | null, token?: AccessToken | null) => void) => void;
    type SaveToken = (token: AccessToken, callback: (err?: Error | null) => void) => void;
  }

  class WeChatAPI {
    constructor(appid: string, appsecret: string, getToken?: WeChatAPI.GetToken, saveToken?: WeChatAPI.SaveToken);
    /** Base URL of the API; `setEndpoint` forces https, so a plain-http fake is set here directly. */
    endpoint: string;
    mpPrefix: string;
    fileServerPrefix: string;
    /** The token of the call in progress, set by `preRequest` just before it runs the method. */
    token?: WeChatAPI.AccessToken;
    setEndpoint(domain: string): void;
    /** Default urllib options for every request. */
    setOpts(options: WeChatAPI.RequestOptions): void;
    request(url: string, options: WeChatAPI.RequestOptions, callback: WeChatAPI.Callback): void;
    /**
     * Loads (or fetches and saves) the token, then runs `method` with `args` (last one the callback).
     * Without `retried`, a 40001 answer reruns it once with whatever getToken returns again.
     */
    preRequest(method: (...args: never[]) => void, args: ArrayLike<unknown>, retried?: boolean): void;
    getAccessToken(callback: (err: WeChatAPI.WeChatAPIError | null, token?: WeChatAPI.AccessToken) => void): this;
    getLatestToken(callback: (err: WeChatAPI.WeChatAPIError | null, token?: WeChatAPI.AccessToken) => void): void;
    /** Official-account template message (`/cgi-bin/message/template/send`). */
    sendTemplate(
      openid: string,
      templateId: string,
      dest: string | { url?: string; miniprogram?: { appid: string; pagepath?: string } } | null,
      data: Record<string, { value: string; color?: string }>,
      callback: WeChatAPI.Callback,
    ): void;
    /** Copies methods onto the prototype of every instance; throws if a name already exists. */
    static mixin(methods: Record<string, unknown>): void;
  }

  export = WeChatAPI;
}

declare module 'wechat-api/lib/util' {
  import type WeChatAPI from 'wechat-api';

  /** Turns an answer carrying a non-zero `errcode` (or no data) into an error with `code` = errcode. */
  export function wrapper<T>(callback: WeChatAPI.Callback<T>): WeChatAPI.Callback<T>;
  /** urllib options for POSTing JSON and reading JSON back. */
  export function postJSON(data: unknown): WeChatAPI.RequestOptions;
}
