/**
 * What the rest of the server needs from WeChat, as a port: routes and use cases depend on this
 * interface, never on wechat-api, so tests and the local fake can stand in for the real service.
 */
export interface WeChatGateway {
  /** Exchanges a `wx.login()` code for the user's openid (mini-program login). */
  code2Session(code: string): Promise<Code2SessionResult>;
  /** Sends a mini-program subscribe message; rejects with a `WeChatError` when WeChat refuses it. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
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

/**
 * A refusal from WeChat. `errcode` is WeChat's own number (43101: the user did not subscribe),
 * absent when the failure was HTTP or the network, so callers can tell "stop trying" from "later".
 */
export class WeChatError extends Error {
  override name = 'WeChatError';
  constructor(
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
  }
}
