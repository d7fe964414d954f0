import type { HotlineMapping } from '../../shared/hotline/mappings';
import type { HotlineAction } from '../../shared/hotline/work-order';
import type { HotlineCentre } from '../commands/ports';
import type { HotlineDialect } from './dialect';
import { signatureHeaders, signRequest } from './signature';

export interface HotlineClientOptions {
  dialect: HotlineDialect;
  mapping: HotlineMapping;
  baseUrl: string;
  appKey: string;
  secret: string;
  timeoutMs?: number;
  now: () => Date;
}

/** A centre refused or failed a call; `status` is the HTTP status (0: no answer, a timeout or a refused connection). */
export class HotlineCallError extends Error {
  override name = 'HotlineCallError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /**
   * The centre refused the call itself (a 4xx other than a timeout, a conflict of timing or a rate
   * limit): sending the same call again will be refused again.
   */
  get refusedForGood(): boolean {
    return this.status >= 400 && this.status < 500 && ![408, 425, 429].includes(this.status);
  }
}

/**
 * A hotline centre over HTTP, in our vocabulary: every request signed (HMAC-SHA256 over timestamp,
 * nonce and body, as the centre signs its webhooks to us), each answer translated by the system's dialect.
 */
export function httpHotlineCentre(options: HotlineClientOptions): HotlineCentre {
  const { dialect, mapping, baseUrl, appKey, secret, now } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<unknown> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const signed = signRequest(secret, `${method} ${path}\n${text}`, now());
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [signatureHeaders.appKey]: appKey,
          [signatureHeaders.timestamp]: signed.timestamp,
          [signatureHeaders.nonce]: signed.nonce,
          [signatureHeaders.signature]: signed.signature,
          ...(key ? { 'idempotency-key': key } : {}),
        },
        ...(body === undefined ? {} : { body: text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new HotlineCallError(0, `${dialect.channel}热线接口无响应：${(error as Error).message}`);
    }
    const answer = await response.text();
    if (!response.ok) throw new HotlineCallError(response.status, `${dialect.channel}热线接口返回 ${response.status}：${answer.slice(0, 200)}`);
    try {
      return answer ? JSON.parse(answer) : {};
    } catch {
      throw new HotlineCallError(response.status, `${dialect.channel}热线接口返回的内容不是 JSON`);
    }
  }

  return {
    channel: dialect.channel,
    listNew: async (cursor, limit) => dialect.pageFromWire(await call('GET', dialect.paths.listNew(cursor, limit))),
    async listNotices(cursor, limit) {
      const wire = await call('GET', dialect.paths.listNotices(cursor, limit));
      // Both systems page notices as they page orders, with the notices themselves in the list.
      const page = dialect.pageFromWireItems(wire);
      return { notices: page.items.map((item) => dialect.noticeFromWire(item, mapping)), nextCursor: page.nextCursor };
    },
    fetchOrder: async (number) => dialect.orderFromWire(await call('GET', dialect.paths.order(number))),
    async send(number: string, action: HotlineAction, key: string) {
      await call('POST', dialect.paths.action(number, action.kind), dialect.actionToWire(action), key);
    },
    listDay: async (day) => dialect.dayFromWire(await call('GET', dialect.paths.day(day)), mapping),
  };
}
