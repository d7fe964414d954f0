import type { HotlineChannel } from '../../../shared/hotline/work-order';
import { AppError, errors } from '../../errors';
import type { HotlineInbound, HotlineWatch, HotlineWebhookRequest } from '../ports';
import { applyCentreNotice, type NoticeOutcome } from './centre-notice';
import { takeInWorkOrder, type HotlineCommandDeps, type Intake } from './take-in-order';

export type WebhookOutcome = { kind: 'order'; intake: Intake } | { kind: 'notice'; outcome: NoticeOutcome };

const signatureMessages: Record<string, string> = {
  missing: '缺少签名信息',
  malformed: '签名信息格式有误',
  stale: '请求时间超出允许范围（±5分钟）',
  bad_signature: '签名校验失败',
};

/**
 * A centre's webhook (push): signature checked (HMAC-SHA256 over timestamp, nonce and body, ±5
 * minutes), the nonce remembered before anything else (a replay of the same request is refused
 * 409, whatever became of the first), then the order taken in or the notice applied, both
 * idempotent on the order number and action: the same order pushed twice files one case.
 */
export async function receiveWebhook(deps: HotlineCommandDeps & { inbound: HotlineInbound; watch?: HotlineWatch }, channel: HotlineChannel, request: HotlineWebhookRequest): Promise<WebhookOutcome> {
  if (!deps.inbound.channels.includes(channel)) throw errors.notFound('该热线接口');
  const now = deps.now();
  const verdict = deps.inbound.verify(channel, request, now);
  if (!verdict.ok) throw new AppError('hotline.bad_signature', signatureMessages[verdict.reason] ?? '签名校验失败', 401);
  if (!(await deps.orders.rememberNonce(channel, verdict.nonce, now))) throw errors.conflict('hotline.replayed', '该请求已收到过（随机数重复），不予处理');
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    throw errors.validation({ '(body)': ['请求体不是有效的 JSON'] });
  }
  const message = deps.inbound.decode(channel, body);
  if (!message) throw errors.validation({ event: ['事件类型须为 order 或 notice'] });
  try {
    if (message.kind === 'order') {
      const intake = await takeInWorkOrder(deps, message.order, channel);
      deps.watch?.succeeded(channel, intake.created ? 1 : 0, now);
      return { kind: 'order', intake };
    }
    const outcome = await applyCentreNotice(deps, channel, message.notice);
    deps.watch?.succeeded(channel, 0, now);
    return { kind: 'notice', outcome };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) deps.watch?.failed(channel, error, now);
    throw error;
  }
}
