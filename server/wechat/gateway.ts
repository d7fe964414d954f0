/**
 * What the rest of the server needs from WeChat, as a port: routes and use cases depend on this
 * interface, never on wechat-api, so tests and the local fake can stand in for the real service.
 */
export interface WeChatGateway {
  /** Exchanges a `wx.login()` code for the user's openid (mini-program login). */
  code2Session(code: string): Promise<Code2SessionResult>;
  /** Sends a mini-program subscribe message; rejects with a `WeChatError` when WeChat refuses it. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
  /** Sends a service-account (服务号) template message; WeChat drops a repeat of its `clientMsgId`. */
  sendTemplateMessage(message: TemplateMessage): Promise<void>;
}

export type Code2SessionResult =
  | { ok: true; openid: string; unionid?: string }
  | {
      ok: false;
      /** `invalid_code` and `code_used` are the user's to fix (log in again); `unavailable` is ours or WeChat's. */
      reason: 'invalid_code' | 'code_used' | 'unavailable';
      /** What WeChat or the network said, for the log only: never shown to the user. */
      detail: string;
    };

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The mini-program page opened from the message, e.g. `pages/case/index?id=…`. */
  page?: string;
  /** Template fields as WeChat wants them: `{ thing1: { value: '…' } }`. */
  data: Record<string, { value: string }>;
}

/** A service-account template message; each line within WeChat's 20-character display. */
export interface TemplateMessage {
  /** The follower's openid under the service account (not the mini-program openid). */
  openid: string;
  templateId: string;
  /** Opens the mini-program page when tapped (or `url` in a browser). */
  miniprogram?: { appid: string; pagepath?: string };
  url?: string;
  data: Record<string, { value: string }>;
  /** Our dedupe key: WeChat sends a message once per id. */
  clientMsgId: string;
}

/**
 * A refusal from WeChat. `errcode` is WeChat's own number (43101: the user did not subscribe),
 * absent when the failure was HTTP or the network, so callers can tell "stop trying" from "later".
 */
export class WeChatError extends Error {
  override name = 'WeChatError';
  /** WeChat's own number; absent when the failure was HTTP or the network. */
  readonly errcode?: number;
  /** The HTTP status of an answer that was not WeChat's JSON (a gateway in front of it failing). */
  readonly httpStatus?: number;
  /** No answer came, but the request may have reached WeChat (a response timeout): sent or not is unknown. */
  readonly uncertain: boolean;
  constructor(message: string, facts: { errcode?: number; httpStatus?: number; uncertain?: boolean } = {}) {
    super(message);
    if (facts.errcode !== undefined) this.errcode = facts.errcode;
    if (facts.httpStatus !== undefined) this.httpStatus = facts.httpStatus;
    this.uncertain = facts.uncertain ?? false;
  }
}
